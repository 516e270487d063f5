namespace MailSniffer.Decoders.Imap;

/// <summary>Finds a literal marker "{n}", "{n+}" or "~{n}" at the very end of a line fragment, outside quoted strings.</summary>
internal static class ImapLiteralMarker
{
    public enum Result : byte { None, Literal, Invalid }

    public static Result TryParse(ReadOnlySpan<byte> fragment, out long size, out bool synchronizing)
    {
        size = 0;
        synchronizing = true;
        if (fragment.Length < 3 || fragment[^1] != '}') return Result.None;
        // A fragment always starts outside a quoted string (quoted strings cannot contain CRLF or literals), so one
        // forward pass tells whether the closing brace is inside quotes.
        bool inQuote = false;
        for (int i = 0; i < fragment.Length; i++)
        {
            byte b = fragment[i];
            if (inQuote && b == '\\') { i++; continue; }
            if (b == '"') inQuote = !inQuote;
        }
        if (inQuote) return Result.None;
        int open = fragment.LastIndexOf((byte)'{');
        if (open < 0) return Result.None;
        var inner = fragment[(open + 1)..^1];
        if (!inner.IsEmpty && inner[^1] == '+') { synchronizing = false; inner = inner[..^1]; }
        if (inner.IsEmpty) return Result.None;
        foreach (byte b in inner) if (b is < (byte)'0' or > (byte)'9') return Result.None;
        if (inner.Length > 18) return Result.Invalid;
        foreach (byte b in inner) size = size * 10 + (b - '0');
        return Result.Literal;
    }
}
