namespace MailSniffer.Decoders.Pop3;

/// <summary>Finds the APOP timestamp ("&lt;process-id.clock@hostname&gt;", RFC 1939) in a POP3 greeting.</summary>
internal static class ApopTimestamp
{
    public static string? Find(string greeting)
    {
        int close = greeting.LastIndexOf('>');
        while (close > 0)
        {
            int open = greeting.LastIndexOf('<', close);
            if (open < 0) return null;
            var candidate = greeting[open..(close + 1)];
            if (candidate.Contains('@')) return candidate;
            close = greeting.LastIndexOf('>', open);
        }
        return null;
    }
}
