using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;

namespace MailSniffer.Server.Dns;

/// <summary>
/// UDP transport for ARSoft's DnsClient that sends from a chosen local address, so a relaying MTA's
/// look-ups come from its own address (as on a real host) and a capture shows which server asked.
/// </summary>
internal sealed class BoundUdpClientTransport(IPAddress localAddress, int port) : IClientTransport
{
    public ushort MaximumAllowedQuerySize => 4096;
    public bool SupportsReliableTransfer => false;
    public bool SupportsMulticastTransfer => false;
    public bool SupportsPooledConnections => false;

    public async Task<IClientConnection?> ConnectAsync(DnsClientEndpointInfo endpointInfo, int queryTimeout, CancellationToken token)
    {
        var socket = new Socket(endpointInfo.DestinationAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (localAddress.AddressFamily == endpointInfo.DestinationAddress.AddressFamily) socket.Bind(new IPEndPoint(localAddress, 0));
            await socket.ConnectAsync(new IPEndPoint(endpointInfo.DestinationAddress, port), token);
            return new BoundUdpClientConnection(this, socket, queryTimeout);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    public Task<IClientConnection?> GetPooledConnectionAsync(DnsClientEndpointInfo endpointInfo, CancellationToken token) =>
        Task.FromResult<IClientConnection?>(null);

    public void Dispose()
    {
    }
}
