using System.Security.Cryptography;
using MailSniffer.Analysis.Messages;
using MailSniffer.Core.Text;
using MimeKit;

namespace MailSniffer.Tui.Mime;

/// <summary>
/// A message's MIME structure as tree lines ("multipart/alternative", "├ text/plain", "└ report.pdf application/pdf
/// 4096 bytes sha256 …"), walked with an explicit stack so a hostile nesting depth cannot exhaust the call stack.
/// </summary>
public static class MimeTree
{
    public const int MaxNodes = 2_000;
    public const int MaxMimeDepth = 64;

    /// <summary>Parses the raw message. Never throws: a parse failure gives one line saying so.</summary>
    public static (MimeMessage? Message, List<MimeNode> Nodes) Parse(byte[] raw)
    {
        try
        {
            var message = MimeMessage.Load(MimeSetup.CreateParserOptions(MaxMimeDepth), new MemoryStream(raw, writable: false));
            return (message, Build(message));
        }
        // Whatever MimeKit or a decoder throws on a hostile message must end as a line on screen, not in the key handler.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, new List<MimeNode> { new("", $"MIME parse error: {SafeText.ForTerminal(e.Message)}", null, false, 0, null, "", null, null) });
        }
    }

    public static List<MimeNode> Build(MimeMessage message)
    {
        var nodes = new List<MimeNode>();
        if (message.Body is null) return nodes;
        int ordinal = 0;
        var stack = new Stack<(MimeEntity Entity, string Prefix, string ChildPrefix)>();
        stack.Push((message.Body, "", ""));
        while (stack.Count > 0)
        {
            if (nodes.Count >= MaxNodes)
            {
                nodes.Add(new MimeNode("", $"… more parts not shown (over {MaxNodes})", null, false, 0, null, "", null, null));
                break;
            }
            var (entity, prefix, childPrefix) = stack.Pop();
            nodes.Add(Describe(entity, prefix, ref ordinal));
            var children = entity switch
            {
                Multipart m => m.ToList(),
                MessagePart { Message.Body: { } inner } => new List<MimeEntity> { inner },
                _ => new List<MimeEntity>(),
            };
            for (int i = children.Count - 1; i >= 0; i--)
            {
                bool last = i == children.Count - 1;
                stack.Push((children[i], childPrefix + (last ? "└ " : "├ "), childPrefix + (last ? "  " : "│ ")));
            }
        }
        return nodes;
    }

    /// <summary>When the message bytes were not kept: the attachments the summary lists, without content to save.</summary>
    public static List<MimeNode> FromSummary(MessageSummary summary)
    {
        var nodes = summary.Attachments.Select((a, i) => new MimeNode(new string(' ', 2 * a.Depth), Label(a.FileName, a.ContentType, a.Size, a.Sha256),
            null, true, i + 1, a.FileName, a.ContentType, a.Size, a.Sha256)).ToList();
        if (summary.AttachmentsOmitted > 0)
            nodes.Add(new MimeNode("", $"(+{summary.AttachmentsOmitted} more attachments)", null, false, 0, null, "", null, null));
        return nodes;
    }

    /// <summary>The decoded content of a part (an attached message: as MimeKit writes it, CRLF), as saved and hashed.</summary>
    public static void WriteContent(MimeEntity entity, Stream target)
    {
        switch (entity)
        {
            case MimePart { Content: { } content }: content.DecodeTo(target); break;
            case MessagePart { Message: { } inner }: inner.WriteTo(MimeSetup.WireFormat, target); break;
        }
    }

    private static MimeNode Describe(MimeEntity entity, string prefix, ref int ordinal)
    {
        string type = entity.ContentType.MimeType;
        if (entity is Multipart) return new MimeNode(prefix, SafeText.ForTerminal(type), entity, false, 0, null, type, null, null);
        bool attachment = entity switch
        {
            MessagePart => true,
            MimePart p => p.IsAttachment || p.FileName != null,
            _ => false,
        };
        string? name = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        var (size, sha) = Hash(entity);
        if (attachment) ordinal++;
        string label = attachment ? Label(name, type, size, sha) : $"{SafeText.ForTerminal(type)}  {size} bytes";
        if (entity is MessagePart { Message: { } m }) label += $"  (attached message: {SafeText.ForTerminal(m.Subject ?? "no subject")})";
        return new MimeNode(prefix, label, entity, attachment, attachment ? ordinal : 0, name, type, size, sha);
    }

    private static string Label(string? name, string type, long size, string sha) =>
        $"{SafeText.ForTerminal(name ?? "(unnamed)")}  {SafeText.ForTerminal(type)}  {size} bytes  sha256 {sha[..Math.Min(16, sha.Length)]}…";

    private static (long Size, string Sha256) Hash(MimeEntity entity)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sink = new HashStream(sha);
        WriteContent(entity, sink);
        return (sink.Length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
