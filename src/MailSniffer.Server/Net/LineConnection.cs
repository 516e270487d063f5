using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailSniffer.Server.Net;

/// <summary>
/// A client connection read line by line (bounded) or by byte count, with an idle time-out on every
/// read and an in-place upgrade to TLS. Everything a hostile client sends passes through here, so every
/// read is bounded in size and time.
/// </summary>
public sealed class LineConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _shutdown;

    public LineConnection(Socket socket, TimeSpan idleTimeout, CancellationToken shutdown)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _idleTimeout = idleTimeout;
        _shutdown = shutdown;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint RemoteEndPoint { get; }
    public IPEndPoint LocalEndPoint { get; }
    public bool IsTls { get; private set; }

    /// <summary>Bytes the client sent ahead of our reply; after STARTTLS they would be a plaintext injection (CVE-2011-0411).</summary>
    public bool HasBufferedInput => _end > _start;

    public async Task<LineRead> ReadLineAsync(int maxBytes)
    {
        var line = new MemoryStream();
        var tooLong = false;
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (lf >= 0 ? lf : _end) - _start;
            if (!tooLong)
            {
                if (line.Length + take > maxBytes) tooLong = true;
                else line.Write(_buffer, _start, take);
            }
            if (lf >= 0)
            {
                _start = lf + 1;
                if (tooLong) return new LineRead(LineStatus.TooLong, []);
                var bytes = line.ToArray();
                var len = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                return new LineRead(LineStatus.Ok, len == bytes.Length ? bytes : bytes[..len]);
            }
            _start = _end = 0;
            if (await FillAsync() == 0) return new LineRead(LineStatus.Closed, []);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into <paramref name="sink"/> (or discards them when null).</summary>
    public async Task<bool> ReadExactAsync(long count, Stream? sink)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                if (await FillAsync() == 0) return false;
            }
            var n = (int)Math.Min(count, _end - _start);
            sink?.Write(_buffer, _start, n);
            _start += n;
            count -= n;
        }
        return true;
    }

    public Task WriteLineAsync(string line) => WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));

    public async Task WriteAsync(ReadOnlyMemory<byte> data)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown);
        cts.CancelAfter(_idleTimeout);
        await _stream.WriteAsync(data, cts.Token);
        await _stream.FlushAsync(cts.Token);
    }

    public async Task UpgradeToTlsAsync(X509Certificate2 certificate)
    {
        _start = _end = 0;
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown);
        cts.CancelAfter(_idleTimeout);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = false,
        }, cts.Token);
        _stream = ssl;
        IsTls = true;
    }

    private async Task<int> FillAsync()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown);
        cts.CancelAfter(_idleTimeout);
        try
        {
            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cts.Token);
            _end += n;
            return n;
        }
        catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
        {
            throw new TimeoutException("client idle too long");
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        await _stream.DisposeAsync();
    }
}
