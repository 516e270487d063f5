using MimeKit;

namespace MailSniffer.Analysis.Messages;

/// <summary>
/// Reads a message with MimeKit into a <see cref="MessageSummary"/>. Never throws on hostile bytes: whatever MimeKit
/// cannot read is reported in <see cref="MessageSummary.ParseError"/>. Attachment content is decoded through hashing
/// streams, so memory does not depend on attachment size.
/// </summary>
public sealed class MessageSummarizer
{
    /// <summary>Addresses listed per header (a hostile To: header may carry a million).</summary>
    private const int MaxAddresses = 1000;

    private readonly ParserOptions _parserOptions;
    private readonly int _previewLength;
    private readonly int _maxAttachments;

    public MessageSummarizer(AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        _parserOptions = MimeSetup.CreateParserOptions(options.MaxMimeDepth);
        _previewLength = options.PreviewLength;
        _maxAttachments = options.MaxAttachmentsPerMessage;
    }

    public ParserOptions ParserOptions => _parserOptions;

    /// <summary>Summarises the message in <paramref name="content"/>, which must be seekable and stay open during the call.</summary>
    public MessageSummary Summarize(Stream content)
    {
        if (content.CanSeek && content.Length == 0) return new MessageSummary { ParseError = "empty message" };
        MimeMessage message;
        try
        {
            // persistent: parts refer to ranges of the (seekable) content instead of copying them, so a 100 MB
            // attachment is decoded straight from the content stream and never held in memory.
            message = MimeMessage.Load(_parserOptions, content, persistent: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new MessageSummary { ParseError = Describe(ex) };
        }
        using (message)
            return Summarize(message);
    }

    public MessageSummary Summarize(MimeMessage message)
    {
        var summary = ReadHeaders(message);
        try
        {
            return ReadBody(message, summary);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return summary with { ParseError = Describe(ex) };
        }
    }

    private static MessageSummary ReadHeaders(MimeMessage message)
    {
        MailboxAddress? from = message.From.Mailboxes.FirstOrDefault();
        return new MessageSummary
        {
            MessageId = message.MessageId,
            Date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null,
            From = from?.Address,
            FromName = string.IsNullOrEmpty(from?.Name) ? null : from.Name,
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            Subject = message.Subject,
            HeaderCount = message.Headers.Count,
        };
    }

    private MessageSummary ReadBody(MimeMessage message, MessageSummary summary)
    {
        var attachments = new List<AttachmentSummary>();
        int omitted = 0;
        TextPart? plain = null, html = null;
        foreach (var visit in MimeWalker.Walk(message))
        {
            if (MimeWalker.IsAttachment(visit.Entity))
            {
                if (attachments.Count < _maxAttachments) attachments.Add(Describe(visit));
                else omitted++;
                continue;
            }
            if (visit.Nested || visit.Entity is not TextPart text) continue;
            if (text.IsPlain) plain ??= text;
            else if (text.IsHtml) html ??= text;
        }
        TextPart? body = plain ?? html;
        return summary with
        {
            Attachments = attachments,
            AttachmentsOmitted = omitted,
            Preview = body == null ? null : TextPreview.From(body, _previewLength),
        };
    }

    private static AttachmentSummary Describe(MimeWalker.Visit visit)
    {
        using var sink = new HashingSinkStream();
        switch (visit.Entity)
        {
            case MimePart { Content: { } content }:
                content.DecodeTo(sink);
                break;
            case MessagePart { Message: { } inner }:
                inner.WriteTo(MimeSetup.WireFormat, sink);
                break;
        }
        return new AttachmentSummary(MimeWalker.FileNameOf(visit.Entity), visit.Entity.ContentType.MimeType,
            sink.BytesWritten, sink.FinishHex(), visit.Depth, visit.Nested);
    }

    private static IReadOnlyList<string> Addresses(InternetAddressList list)
    {
        var result = new List<string>();
        foreach (var mailbox in list.Mailboxes)
        {
            if (result.Count == MaxAddresses) break;
            result.Add(mailbox.Address);
        }
        return result;
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
