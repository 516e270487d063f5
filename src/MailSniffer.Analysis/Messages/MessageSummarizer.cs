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

    /// <summary>
    /// Longest header-derived string kept (Subject, names, Message-ID; RFC 5322 lines stop at 998). Summaries are
    /// retained for the report, so a hostile megabyte Subject must not be retained whole.
    /// </summary>
    internal const int MaxFieldChars = 2048;

    private readonly ParserOptions _parserOptions;
    private readonly int _previewLength;
    private readonly int _maxAttachments;
    private readonly int _maxHeaderBytes;
    // One parser for every message (a summarizer serves one model thread): a fresh MimeParser per message allocated
    // its buffers again for each of thousands of small messages.
    private MimeParser? _parser;
    private readonly SummaryCache? _cache;

    /// <param name="cache">Summaries of contents seen before; summarisers with the same options may share one.</param>
    public MessageSummarizer(AnalysisOptions? options = null, SummaryCache? cache = null)
    {
        _cache = cache;
        options ??= new AnalysisOptions();
        _parserOptions = MimeSetup.CreateParserOptions(options.MaxMimeDepth);
        _previewLength = options.PreviewLength;
        _maxAttachments = options.MaxAttachmentsPerMessage;
        _maxHeaderBytes = options.MaxHeaderBytes;
    }

    public ParserOptions ParserOptions => _parserOptions;

    public SummaryCache? Cache => _cache;

    /// <summary>Summarises captured content; a content that cannot be read (disposed, spill file gone) gives a summary saying why.</summary>
    public MessageSummary Summarize(MailSniffer.Decoders.Messages.MessageContent content)
    {
        try
        {
            if (_cache == null)
            {
                using var stream = content.OpenRead();
                return Summarize(stream);
            }
            // Only a summary read from the bytes is kept: a content that could not be read says nothing about them.
            string sha = content.Sha256Hex;
            if (_cache.TryGet(sha, content.Length, out var known)) return known;
            MessageSummary summary;
            using (var stream = content.OpenRead()) summary = Summarize(stream);
            _cache.Add(sha, content.Length, summary);
            return summary;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            return new MessageSummary { ParseError = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    /// <summary>Summarises the message in <paramref name="content"/>, which must be seekable and stay open during the call.</summary>
    public MessageSummary Summarize(Stream content)
    {
        if (content.CanSeek && content.Length == 0) return new MessageSummary { ParseError = "empty message" };
        MimeMessage message;
        try
        {
            if (content.CanSeek && !HeaderSectionProbe.EndsWithin(content, _maxHeaderBytes))
                return new MessageSummary { ParseError = $"header section longer than {_maxHeaderBytes} bytes; not parsed" };
            // persistent: parts refer to ranges of the (seekable) content instead of copying them, so a 100 MB
            // attachment is decoded straight from the content stream and never held in memory.
            if (_parser == null) _parser = new MimeParser(_parserOptions, content, MimeFormat.Entity, persistent: true);
            else _parser.SetStream(content, MimeFormat.Entity, persistent: true);
            message = _parser.ParseMessage();
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
            MessageId = Bounded(message.MessageId),
            Date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null,
            From = Bounded(from?.Address),
            FromName = string.IsNullOrEmpty(from?.Name) ? null : Bounded(from.Name),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            Subject = Bounded(message.Subject),
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
        long size;
        string sha;
        if (visit.Entity is MimePart part)
        {
            (size, sha) = AttachmentHasher.Hash(part);
        }
        else
        {
            using var sink = new HashingSinkStream();
            if (visit.Entity is MessagePart { Message: { } inner }) inner.WriteTo(MimeSetup.WireFormat, sink);
            (size, sha) = (sink.BytesWritten, sink.FinishHex());
        }
        return new AttachmentSummary(Bounded(MimeWalker.FileNameOf(visit.Entity)), Bounded(visit.Entity.ContentType.MimeType)!,
            size, sha, visit.Depth, visit.Nested);
    }

    private static IReadOnlyList<string> Addresses(InternetAddressList list)
    {
        var result = new List<string>();
        foreach (var mailbox in list.Mailboxes)
        {
            if (result.Count == MaxAddresses) break;
            result.Add(Bounded(mailbox.Address)!);
        }
        return result;
    }

    private static string? Bounded(string? s) => s == null || s.Length <= MaxFieldChars ? s : s[..MaxFieldChars];

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
