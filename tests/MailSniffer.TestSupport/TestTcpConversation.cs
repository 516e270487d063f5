using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;

namespace MailSniffer.TestSupport;

/// <summary>
/// Builds the Ethernet frames of one TCP connection with consistent sequence and acknowledgment numbers: handshake,
/// data in either direction (optionally segmented), FIN or RST. Frames are timestamped 1 ms apart.
/// Tests can then reorder, drop or duplicate <see cref="Frames"/> to make the cases a reassembler must survive.
/// </summary>
public sealed class TestTcpConversation
{
    private readonly string _client;
    private readonly ushort _clientPort;
    private readonly string _server;
    private readonly ushort _serverPort;
    private readonly ushort[]? _vlans;
    private uint _clientSeq;
    private uint _serverSeq;
    private long _nextNs;

    public TestTcpConversation(string client, ushort clientPort, string server, ushort serverPort,
        uint clientIsn = 1000, uint serverIsn = 500_000, CaptureTime? start = null, ushort[]? vlans = null)
    {
        _client = client;
        _clientPort = clientPort;
        _server = server;
        _serverPort = serverPort;
        _clientSeq = clientIsn;
        _serverSeq = serverIsn;
        _vlans = vlans;
        _nextNs = (start ?? TestCaptureFile.DefaultStart).UnixNanoseconds;
    }

    public List<(CaptureTime Time, byte[] Frame)> Frames { get; } = new();

    /// <summary>Next sequence number the client will use (its data so far ends here).</summary>
    public uint ClientSequence => _clientSeq;
    public uint ServerSequence => _serverSeq;

    public TestTcpConversation Handshake()
    {
        Add(fromClient: true, TcpFlags.Syn, _clientSeq, 0, []);
        _clientSeq++;
        Add(fromClient: false, TcpFlags.Syn | TcpFlags.Ack, _serverSeq, _clientSeq, []);
        _serverSeq++;
        Add(fromClient: true, TcpFlags.Ack, _clientSeq, _serverSeq, []);
        return this;
    }

    public TestTcpConversation ClientSends(string text, int segmentSize = 1460) => Send(true, System.Text.Encoding.ASCII.GetBytes(text), segmentSize);
    public TestTcpConversation ServerSends(string text, int segmentSize = 1460) => Send(false, System.Text.Encoding.ASCII.GetBytes(text), segmentSize);
    public TestTcpConversation ClientSends(byte[] data, int segmentSize = 1460) => Send(true, data, segmentSize);
    public TestTcpConversation ServerSends(byte[] data, int segmentSize = 1460) => Send(false, data, segmentSize);

    /// <summary>Data split into segments of at most <paramref name="segmentSize"/> bytes, PSH on the last, then a pure ACK back.</summary>
    public TestTcpConversation Send(bool fromClient, byte[] data, int segmentSize = 1460)
    {
        for (int off = 0; off < data.Length; off += segmentSize)
        {
            int n = Math.Min(segmentSize, data.Length - off);
            var flags = TcpFlags.Ack | (off + n == data.Length ? TcpFlags.Psh : TcpFlags.None);
            if (fromClient)
            {
                Add(true, flags, _clientSeq, _serverSeq, data.AsSpan(off, n).ToArray());
                _clientSeq += (uint)n;
            }
            else
            {
                Add(false, flags, _serverSeq, _clientSeq, data.AsSpan(off, n).ToArray());
                _serverSeq += (uint)n;
            }
        }
        Add(!fromClient, TcpFlags.Ack, fromClient ? _serverSeq : _clientSeq, fromClient ? _clientSeq : _serverSeq, []);
        return this;
    }

    /// <summary>FIN from one side, answered by FIN+ACK and a final ACK.</summary>
    public TestTcpConversation Close(bool clientFirst = true)
    {
        if (clientFirst)
        {
            Add(true, TcpFlags.Fin | TcpFlags.Ack, _clientSeq, _serverSeq, []);
            _clientSeq++;
            Add(false, TcpFlags.Fin | TcpFlags.Ack, _serverSeq, _clientSeq, []);
            _serverSeq++;
            Add(true, TcpFlags.Ack, _clientSeq, _serverSeq, []);
        }
        else
        {
            Add(false, TcpFlags.Fin | TcpFlags.Ack, _serverSeq, _clientSeq, []);
            _serverSeq++;
            Add(true, TcpFlags.Fin | TcpFlags.Ack, _clientSeq, _serverSeq, []);
            _clientSeq++;
            Add(false, TcpFlags.Ack, _serverSeq, _clientSeq, []);
        }
        return this;
    }

    public TestTcpConversation Reset(bool fromClient)
    {
        Add(fromClient, TcpFlags.Rst | TcpFlags.Ack, fromClient ? _clientSeq : _serverSeq, fromClient ? _serverSeq : _clientSeq, []);
        return this;
    }

    /// <summary>Writes <see cref="Frames"/> (Ethernet) to a capture file.</summary>
    public void WriteTo(string path, CaptureFileFormat format = CaptureFileFormat.Pcap) =>
        TestCaptureFile.Write(path, format, LinkType.Ethernet, Frames);

    private void Add(bool fromClient, TcpFlags flags, uint seq, uint ack, byte[] payload)
    {
        var frame = fromClient
            ? TestPackets.Tcp(_client, _clientPort, _server, _serverPort, seq, ack, flags, payload, _vlans)
            : TestPackets.Tcp(_server, _serverPort, _client, _clientPort, seq, ack, flags, payload, _vlans);
        Frames.Add((new CaptureTime(_nextNs), frame));
        _nextNs += 1_000_000;
    }
}
