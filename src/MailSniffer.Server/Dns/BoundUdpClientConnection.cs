using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;

namespace MailSniffer.Server.Dns;

/// <summary>One query's connected UDP socket; answers with another transaction id are ignored (spoofing, stale replies).</summary>
internal sealed class BoundUdpClientConnection(IClientTransport transport, Socket socket, int timeoutMs) : IClientConnection
{
    public IClientTransport Transport => transport;
    public bool IsFaulty { get; private set; }

    public async Task<bool> SendAsync(DnsRawPackage package, CancellationToken token)
    {
        try
        {
            await socket.SendAsync(package.ToArraySegment(false), SocketFlags.None, token);
            return true;
        }
        catch (SocketException)
        {
            IsFaulty = true;
            return false;
        }
    }

    public async Task<DnsReceivedRawPackage?> ReceiveAsync(DnsMessageIdentification identification, CancellationToken token)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        cts.CancelAfter(timeoutMs);
        var buffer = new byte[65535];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n < 12 || (buffer[0] << 8 | buffer[1]) != identification.TransactionID) continue;
                // ARSoft's raw packages carry the 2-byte TCP length prefix even for UDP.
                var framed = new byte[n + DnsRawPackage.LENGTH_HEADER_LENGTH];
                framed[0] = (byte)(n >> 8);
                framed[1] = (byte)n;
                buffer.AsSpan(0, n).CopyTo(framed.AsSpan(DnsRawPackage.LENGTH_HEADER_LENGTH));
                return new DnsReceivedRawPackage(framed, (IPEndPoint)socket.RemoteEndPoint!, (IPEndPoint)socket.LocalEndPoint!);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            IsFaulty = true;
            return null;
        }
    }

    public void RestartIdleTimeout(TimeSpan? timeout)
    {
    }

    public void MarkFaulty() => IsFaulty = true;

    public void Dispose() => socket.Dispose();
}
