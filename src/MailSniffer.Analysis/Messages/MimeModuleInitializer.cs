using System.Runtime.CompilerServices;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// MimeKit builds its charset alias table (gb2312, big5, euc-kr...) once, the first time it is used, from the
/// encodings registered at that moment; a provider registered later is never seen and GB2312 subjects decode as
/// Latin-1. Registering when this assembly is first touched covers hosts that reach MimeKit through us; hosts that
/// use MimeKit directly first must call <see cref="MimeSetup.EnsureRegistered"/> at start-up.
/// </summary>
internal static class MimeModuleInitializer
{
#pragma warning disable CA2255 // Deliberate: the registration must precede any use of MimeKit.
    [ModuleInitializer]
    internal static void Initialize() => MimeSetup.EnsureRegistered();
#pragma warning restore CA2255
}
