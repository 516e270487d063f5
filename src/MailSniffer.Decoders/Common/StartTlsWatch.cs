using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// The STARTTLS (SMTP) / STLS (POP3) upgrade of one connection. After the client's request its next bytes may already be
/// TLS (clients need not wait for the answer); after the server's go-ahead, so may the server's. A watched direction's
/// first bytes are sniffed for a TLS record header: plain text means the upgrade was refused or the capture was decrypted,
/// and decoding goes on. Once either direction is TLS the connection has <see cref="Switched"/>: nothing more in it is
/// mail protocol.
/// </summary>
public sealed class StartTlsWatch
{
    private static readonly DecodeResult SwitchedResult = DecodeResult.Done("connection switched to TLS");

    private TlsRecordSniffer? _client;
    private TlsRecordSniffer? _server;

    public bool Switched { get; private set; }

    /// <summary>What the decoder answers the capture engine: done once the connection is TLS.</summary>
    public DecodeResult Outcome => Switched ? SwitchedResult : DecodeResult.NeedMore;

    public void ClientAsked() => _client = new TlsRecordSniffer();

    public void ServerAgreed() => _server = new TlsRecordSniffer();

    /// <summary>The client's bytes stay plain text, unless it already sent the start of what may be its handshake.</summary>
    public void ServerRefused()
    {
        if (_client != null && _client.Seen.IsEmpty) _client = null;
    }

    /// <summary>After a gap the next bytes of that direction are not the first after the upgrade: stop watching it.</summary>
    public void Forget(Direction direction)
    {
        if (direction == Direction.ClientToServer) _client = null;
        else _server = null;
    }

    public bool IsWatching(Direction direction) => (direction == Direction.ClientToServer ? _client : _server) != null;

    /// <summary>
    /// Consumes bytes of a watched direction until it can decide. On <see cref="TlsSniffResult.Plain"/>,
    /// <paramref name="plain"/> holds the bytes it consumed (they belong to the protocol) and the direction is no longer
    /// watched; on <see cref="TlsSniffResult.Tls"/> the connection has switched.
    /// </summary>
    public TlsSniffResult Sniff(Direction direction, scoped ref ReadOnlySpan<byte> data, out ReadOnlySpan<byte> plain)
    {
        var sniffer = (direction == Direction.ClientToServer ? _client : _server)!;
        var verdict = sniffer.Push(ref data);
        plain = default;
        if (verdict == TlsSniffResult.Tls) Switched = true;
        else if (verdict == TlsSniffResult.Plain)
        {
            plain = sniffer.Seen;
            Forget(direction);
        }
        return verdict;
    }
}
