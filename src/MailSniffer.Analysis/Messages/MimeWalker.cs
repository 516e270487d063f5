using MimeKit;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Visits every entity of a parsed message depth-first in document order, with an explicit stack: nesting depth is
/// bounded by the parser options, never by the call stack.
/// </summary>
internal static class MimeWalker
{
    public readonly record struct Visit(MimeEntity Entity, int Depth, bool Nested);

    public static IEnumerable<Visit> Walk(MimeMessage message)
    {
        if (message.Body == null) yield break;
        var stack = new Stack<Visit>();
        stack.Push(new Visit(message.Body, 0, false));
        while (stack.Count > 0)
        {
            var visit = stack.Pop();
            yield return visit;
            switch (visit.Entity)
            {
                case Multipart multipart:
                    for (int i = multipart.Count - 1; i >= 0; i--)
                        stack.Push(new Visit(multipart[i], visit.Depth + 1, visit.Nested));
                    break;
                case MessagePart { Message.Body: { } inner }:
                    stack.Push(new Visit(inner, visit.Depth + 1, true));
                    break;
            }
        }
    }

    /// <summary>Parts a user would call attachments: marked as such, named, or an attached message.</summary>
    public static bool IsAttachment(MimeEntity entity) => entity switch
    {
        MessagePart => true,
        MimePart part => part.IsAttachment || part.FileName != null,
        _ => false,
    };

    public static string? FileNameOf(MimeEntity entity) =>
        entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
}
