using System.Runtime.CompilerServices;
using MailSniffer.Analysis.Messages;

namespace MailSniffer.Analysis.Tests.Support;

/// <summary>Tests compose messages with MimeKit before touching the model: register charsets first, as a host must.</summary>
internal static class TestModuleInitializer
{
#pragma warning disable CA2255 // Deliberate: must run before any test uses MimeKit.
    [ModuleInitializer]
    internal static void Initialize() => MimeSetup.EnsureRegistered();
#pragma warning restore CA2255
}
