using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailSniffer.Server.Tests;

/// <summary>A byte-level client for abuse transcripts that no well-behaved library would send.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;
    private StreamReader _reader = null!;

    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint)
    {
        var c = new RawClient();
        await c._tcp.ConnectAsync(endPoint, TestMailSystem.Timeout(10));
        c._stream = c._tcp.GetStream();
        c._stream.ReadTimeout = 15000;
        c._reader = new StreamReader(c._stream, Encoding.UTF8);
        return c;
    }

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendBytesAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one line; null when the server closed.</summary>
    public Task<string?> LineAsync() => _reader.ReadLineAsync(TestMailSystem.Timeout(15)).AsTask();

    /// <summary>Reads an SMTP reply, following 250- continuation lines; returns the last line.</summary>
    public async Task<string> ReplyAsync()
    {
        while (true)
        {
            var line = await LineAsync() ?? throw new IOException("server closed");
            if (line.Length < 4 || line[3] == ' ') return line;
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await Task.CompletedTask;
    }
}
