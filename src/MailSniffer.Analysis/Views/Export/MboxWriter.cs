using System.Globalization;
using System.Text;
using MailSniffer.Analysis.Model;

namespace MailSniffer.Analysis.Views.Export;

/// <summary>
/// Appends messages to one mboxrd file: a "From sender asctime" separator line, the message with ^&gt;*From  lines
/// quoted, and a blank line. The sender is the envelope MAIL FROM, else the From address, else MAILER-DAEMON;
/// the time is the capture time.
/// </summary>
public sealed class MboxWriter : IDisposable
{
    private readonly Stream _output;

    public MboxWriter(string path)
    {
        _output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        Path = path;
    }

    public string Path { get; }
    public int Count { get; private set; }

    public void Append(MessageRecord record, Stream content)
    {
        var separator = $"From {Sender(record)} {Asctime(record.Ts.ToDateTime())}\n";
        _output.Write(Encoding.ASCII.GetBytes(separator));
        var quoter = new MboxrdQuoter(_output);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = content.Read(buffer)) > 0) quoter.Write(buffer.AsSpan(0, n));
        quoter.Finish();
        if (quoter.LastByte != (byte)'\n') _output.WriteByte((byte)'\n');
        _output.WriteByte((byte)'\n');
        Count++;
    }

    public static string Asctime(DateTime utc) =>
        string.Create(CultureInfo.InvariantCulture, $"{utc:ddd MMM} {utc.Day,2} {utc:HH:mm:ss yyyy}");

    internal static string Sender(MessageRecord record)
    {
        string? candidate = EnvelopeAddress(record.MailFrom);
        if (string.IsNullOrEmpty(candidate)) candidate = record.Summary.From;
        if (string.IsNullOrEmpty(candidate)) return "MAILER-DAEMON";
        // The separator line is split on spaces by readers: the sender must be one printable ASCII token.
        var sb = new StringBuilder(Math.Min(candidate.Length, 256));
        foreach (char c in candidate)
        {
            if (sb.Length == 256) break;
            sb.Append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return sb.ToString();
    }

    /// <summary>"&lt;a@b&gt; SIZE=10" and "a@b" both give "a@b"; "&lt;&gt;" (bounces) gives "".</summary>
    private static string? EnvelopeAddress(string? mailFrom)
    {
        if (mailFrom == null) return null;
        string s = mailFrom.Trim();
        int open = s.IndexOf('<');
        if (open >= 0)
        {
            int close = s.IndexOf('>', open + 1);
            return close > open ? s[(open + 1)..close] : s[(open + 1)..];
        }
        int space = s.IndexOf(' ');
        return space >= 0 ? s[..space] : s;
    }

    public void Dispose() => _output.Dispose();
}
