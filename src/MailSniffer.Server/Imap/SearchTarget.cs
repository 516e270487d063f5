using MimeKit;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Imap;

/// <summary>One message as SEARCH sees it; content and headers are loaded only if a key needs them.</summary>
public sealed class SearchTarget(uint sequence, StoredMessage message, Func<byte[]> load)
{
    private byte[]? _content;
    private HeaderList? _headers;

    public uint Sequence { get; } = sequence;
    public StoredMessage Message { get; } = message;
    public byte[] Content => _content ??= load();

    public HeaderList Headers
    {
        get
        {
            if (_headers is not null) return _headers;
            try
            {
                _headers = HeaderList.Load(new MemoryStream(MessageSections.Header(Content)));
            }
            catch (FormatException)
            {
                _headers = [];
            }
            return _headers;
        }
    }

    public bool HeaderContains(string name, string value) =>
        Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)).Any(h => h.Value.Contains(value, StringComparison.OrdinalIgnoreCase));
}
