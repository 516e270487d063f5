using System.Globalization;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Imap;

/// <summary>Answers the data items of one FETCH for one message.</summary>
public static class FetchResponder
{
    /// <summary>Expands macros and checks every item, so a bad item fails the whole command before any output.</summary>
    public static List<string>? ParseItems(ImapToken token)
    {
        var raw = token.Kind == ImapTokenKind.List ? token.Children!.Select(FlattenItem).ToList() : [FlattenItem(token)];
        var items = new List<string>();
        foreach (var item in raw)
        {
            switch (item.ToUpperInvariant())
            {
                case "ALL": items.AddRange(["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"]); break;
                case "FAST": items.AddRange(["FLAGS", "INTERNALDATE", "RFC822.SIZE"]); break;
                case "FULL": items.AddRange(["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"]); break;
                default:
                    if (!IsKnown(item)) return null;
                    items.Add(item);
                    break;
            }
        }
        return items;
    }

    private static string FlattenItem(ImapToken t) => t.Kind == ImapTokenKind.List ? "(" + string.Join(' ', t.Children!.Select(FlattenItem)) + ")" : t.Text;

    private static bool IsKnown(string item)
    {
        var upper = item.ToUpperInvariant();
        if (upper is "FLAGS" or "UID" or "RFC822.SIZE" or "INTERNALDATE" or "ENVELOPE" or "BODY" or "BODYSTRUCTURE" or "RFC822" or "RFC822.HEADER" or "RFC822.TEXT")
            return true;
        return (upper.StartsWith("BODY[", StringComparison.Ordinal) || upper.StartsWith("BODY.PEEK[", StringComparison.Ordinal)) && upper.Contains(']');
    }

    /// <summary>Writes "* n FETCH (...)"; returns true when the fetch reads the body without PEEK and so sets \Seen.</summary>
    public static bool Write(ImapWriter w, int sequence, StoredMessage message, IReadOnlyList<string> items, bool includeUid, Func<byte[]> content, MessageFlags flags)
    {
        var setsSeen = items.Any(i => i.ToUpperInvariant() is "RFC822" or "RFC822.TEXT" || i.StartsWith("BODY[", StringComparison.OrdinalIgnoreCase));
        var effectiveFlags = setsSeen ? flags | MessageFlags.Seen : flags;
        var all = items.ToList();
        if (includeUid && !all.Any(i => i.Equals("UID", StringComparison.OrdinalIgnoreCase))) all.Insert(0, "UID");
        if (setsSeen && !flags.HasFlag(MessageFlags.Seen) && !all.Any(i => i.Equals("FLAGS", StringComparison.OrdinalIgnoreCase))) all.Add("FLAGS");
        byte[]? bytes = null;
        byte[] Content() => bytes ??= content();
        w.Raw($"* {sequence} FETCH (");
        for (var i = 0; i < all.Count; i++)
        {
            if (i > 0) w.Raw(" ");
            var item = all[i];
            switch (item.ToUpperInvariant())
            {
                case "UID": w.Raw($"UID {message.Uid}"); break;
                case "FLAGS": w.Raw("FLAGS (" + FlagText.Format(effectiveFlags) + ")"); break;
                case "RFC822.SIZE": w.Raw("RFC822.SIZE " + message.Size.ToString(CultureInfo.InvariantCulture)); break;
                case "INTERNALDATE": w.Raw("INTERNALDATE \"" + message.InternalDate.ToUniversalTime().ToString("dd-MMM-yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture) + "\""); break;
                case "ENVELOPE":
                    w.Raw("ENVELOPE ");
                    EnvelopeBuilder.Write(w, Content());
                    break;
                case "BODY":
                case "BODYSTRUCTURE":
                    w.Raw(item.ToUpperInvariant() + " ");
                    BodyStructureBuilder.Write(w, Content());
                    break;
                case "RFC822": w.Raw("RFC822 ").Literal(Content()); break;
                case "RFC822.HEADER": w.Raw("RFC822.HEADER ").Literal(MessageSections.Header(Content())); break;
                case "RFC822.TEXT": w.Raw("RFC822.TEXT ").Literal(MessageSections.Text(Content())); break;
                default: WriteSection(w, item, Content()); break;
            }
        }
        w.Raw(")\r\n");
        return setsSeen && !flags.HasFlag(MessageFlags.Seen);
    }

    private static void WriteSection(ImapWriter w, string item, byte[] message)
    {
        var open = item.IndexOf('[');
        var close = item.LastIndexOf(']');
        var section = item[(open + 1)..close];
        var partial = item[(close + 1)..];
        var data = Section(message, section);
        var label = "BODY[" + section + "]";
        if (partial.StartsWith('<') && partial.EndsWith('>'))
        {
            var spec = partial[1..^1].Split('.');
            if (long.TryParse(spec[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                var count = spec.Length > 1 && long.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : long.MaxValue;
                var from = (int)Math.Min(start, data.Length);
                var length = (int)Math.Min(count, data.Length - from);
                data = data.AsSpan(from, length).ToArray();
                label += "<" + start.ToString(CultureInfo.InvariantCulture) + ">";
            }
        }
        w.Raw(label + " ").Literal(data);
    }

    private static byte[] Section(byte[] message, string section)
    {
        var upper = section.ToUpperInvariant();
        if (upper.Length == 0) return message;
        if (upper == "HEADER") return MessageSections.Header(message);
        if (upper == "TEXT") return MessageSections.Text(message);
        if (upper.StartsWith("HEADER.FIELDS", StringComparison.Ordinal))
        {
            var exclude = upper.StartsWith("HEADER.FIELDS.NOT", StringComparison.Ordinal);
            var open = section.IndexOf('(');
            var close = section.LastIndexOf(')');
            var names = open >= 0 && close > open ? section[(open + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('"')).ToList() : [];
            return MessageSections.HeaderFields(message, names, exclude);
        }
        return MimeSections.Part(message, section);
    }
}
