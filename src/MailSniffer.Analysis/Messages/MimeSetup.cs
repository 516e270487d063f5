using System.Text;
using MimeKit;

namespace MailSniffer.Analysis.Messages;

/// <summary>Process-wide MimeKit set-up: legacy charsets (GB2312, Shift_JIS, KOI8-R...) and hostile-input limits.</summary>
public static class MimeSetup
{
    private static int _registered;

    /// <summary>
    /// .NET Core ships only UTF-* and Latin-1 by default; RFC 2047 words in GB2312 or windows-1252 decode to garbage
    /// without the code-page provider. MimeKit reads the registered encodings once, on first use, so this must run
    /// before anything touches MimeKit (call it first thing in Main). Safe to call many times.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>How embedded messages are written back out: CRLF, as every mail protocol carries them.</summary>
    public static FormatOptions WireFormat { get; } = CreateWireFormat();

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    public static ParserOptions CreateParserOptions(int maxMimeDepth)
    {
        EnsureRegistered();
        var options = ParserOptions.Default.Clone();
        options.MaxMimeDepth = Math.Max(1, maxMimeDepth);
        return options;
    }
}
