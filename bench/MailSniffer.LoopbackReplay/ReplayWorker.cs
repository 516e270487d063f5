using System.Net;
using System.Net.Sockets;

namespace MailSniffer.LoopbackReplay;

/// <summary>
/// Plays conversations over real loopback TCP connections, both ends in this process: the client socket
/// (127.0.3.101+n) and the accepted server socket (127.0.3.1+n, its own listeners, so no worker accepts another's
/// connection) take turns writing, and the other end reads every byte before the next turn, as in a real mail
/// session. Measured with tcpdump: about one packet per turn (ACKs ride on the replies) and seven per connection.
/// </summary>
internal sealed class ReplayWorker
{
    private readonly Dictionary<int, TcpListener> _listeners = new();
    private readonly IReadOnlyList<ConversationScript> _scripts;
    private readonly Pacer _pacer;
    private readonly IPAddress _server, _client;

    public ReplayWorker(int index, IReadOnlyList<ConversationScript> scripts, Pacer pacer)
    {
        _scripts = scripts;
        _pacer = pacer;
        _server = IPAddress.Parse($"127.0.3.{1 + index}");
        _client = IPAddress.Parse($"127.0.3.{101 + index}");
        foreach (int port in scripts.Select(s => s.ServerPort).Distinct())
        {
            var l = new TcpListener(_server, port);
            l.Start(16);
            _listeners[port] = l;
        }
    }

    public void StopListening()
    {
        foreach (var l in _listeners.Values) l.Stop();
    }

    public long Conversations;
    public long Turns;
    public long Bytes;

    public void Run(int offset, CancellationToken stop)
    {
        var buffer = new byte[1 << 16];
        for (int i = offset; !stop.IsCancellationRequested; i++)
        {
            var script = _scripts[i % _scripts.Count];
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.Bind(new IPEndPoint(_client, 0));
            client.ReceiveTimeout = 5000;
            client.Connect(new IPEndPoint(_server, script.ServerPort));
            using var server = _listeners[script.ServerPort].AcceptSocket();
            server.NoDelay = true;
            server.ReceiveTimeout = 5000;
            _pacer.Take(3);   // handshake
            foreach (var (fromClient, data) in script.Turns)
            {
                var (writer, reader) = fromClient ? (client, server) : (server, client);
                _pacer.Take(1);
                writer.Send(data);
                for (int got = 0; got < data.Length;)
                {
                    int n = reader.Receive(buffer, 0, Math.Min(buffer.Length, data.Length - got), SocketFlags.None);
                    if (n == 0) throw new IOException("peer closed early");
                    got += n;
                }
                Interlocked.Increment(ref Turns);
                Interlocked.Add(ref Bytes, data.Length);
            }
            _pacer.Take(4);   // FIN, ACK both ways
            client.Shutdown(SocketShutdown.Both);
            server.Shutdown(SocketShutdown.Both);
            Interlocked.Increment(ref Conversations);
        }
    }
}
