namespace MailSniffer.Analysis.Views.Json;

/// <summary>Utf8JsonWriter refuses lone surrogates; text from the wire or from MimeKit's charset decoders may hold them.</summary>
internal static class JsonText
{
    public static string? Clean(string? s)
    {
        if (s == null) return null;
        int i = 0;
        for (; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            break;
        }
        if (i >= s.Length) return s;
        var chars = s.ToCharArray();
        for (int j = 0; j < chars.Length; j++)
        {
            if (!char.IsSurrogate(chars[j])) continue;
            if (char.IsHighSurrogate(chars[j]) && j + 1 < chars.Length && char.IsLowSurrogate(chars[j + 1])) { j++; continue; }
            chars[j] = '\uFFFD';
        }
        return new string(chars);
    }
}
