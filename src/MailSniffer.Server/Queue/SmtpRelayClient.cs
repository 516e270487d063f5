using System.Net;
using System.Net.Sockets;
using System.Text;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Queue;

/// <summary>
/// The MTA-to-MTA side of SMTP: our own small client, so relayed bytes are exactly the queued bytes
/// (plus dot-stuffing) and every reply code is ours to interpret.
/// </summary>
public sealed class SmtpRelayClient
{
    private readonly string _heloName;
    private readonly IPAddress _localAddress;
    private readonly TimeSpan _timeout;

    public SmtpRelayClient(string heloName, IPAddress localAddress, TimeSpan timeout)
    {
        _heloName = heloName;
        _localAddress = localAddress;
        _timeout = timeout;
    }

    /// <summary>Relays to one MX; returns the recipients it refused permanently, and the local endpoint used.</summary>
    public async Task<(List<string> Refused, IPEndPoint Local)> SendAsync(IPEndPoint remote, string sender, IReadOnlyList<string> recipients, byte[] content, CancellationToken ct)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (remote.AddressFamily == _localAddress.AddressFamily) socket.Bind(new IPEndPoint(_localAddress, 0));
            using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectCts.CancelAfter(_timeout);
            await socket.ConnectAsync(remote, connectCts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new RelayException($"connect {remote}: {e.Message}", permanent: false);
        }
        await using var conn = new LineConnection(socket, _timeout, ct);
        var local = conn.LocalEndPoint;
        try
        {
            await Expect(conn, await ReadReplyAsync(conn), "greeting");
            await conn.WriteLineAsync($"EHLO {_heloName}");
            var ehlo = await ReadReplyAsync(conn);
            if (!ehlo.IsPositive)
            {
                await conn.WriteLineAsync($"HELO {_heloName}");
                await Expect(conn, await ReadReplyAsync(conn), "HELO");
            }
            await conn.WriteLineAsync($"MAIL FROM:<{sender}>");
            await Expect(conn, await ReadReplyAsync(conn), "MAIL");
            var refused = new List<string>();
            foreach (var rcpt in recipients)
            {
                await conn.WriteLineAsync($"RCPT TO:<{rcpt}>");
                var reply = await ReadReplyAsync(conn);
                if (reply.IsPermanentFailure) refused.Add(rcpt);
                else if (!reply.IsPositive) throw new RelayException($"RCPT {rcpt}: {reply.Code} {reply.Text}", permanent: false);
            }
            if (refused.Count == recipients.Count)
            {
                await QuitAsync(conn);
                return (refused, local);
            }
            await conn.WriteLineAsync("DATA");
            await Expect(conn, await ReadReplyAsync(conn), "DATA", 354);
            await conn.WriteAsync(DotStuffing.Encode(content));
            await Expect(conn, await ReadReplyAsync(conn), "end of data");
            await QuitAsync(conn);
            return (refused, local);
        }
        catch (TimeoutException)
        {
            throw new RelayException($"{remote}: time-out", permanent: false);
        }
        catch (IOException e)
        {
            throw new RelayException($"{remote}: {e.Message}", permanent: false);
        }
    }

    private static async Task QuitAsync(LineConnection conn)
    {
        await conn.WriteLineAsync("QUIT");
        await ReadReplyAsync(conn);
    }

    private static async Task Expect(LineConnection conn, SmtpReply reply, string step, int code = 0)
    {
        if (code == 0 ? reply.IsPositive : reply.Code == code) return;
        try
        {
            await QuitAsync(conn);
        }
        catch (Exception e) when (e is IOException or TimeoutException or RelayException)
        {
        }
        throw new RelayException($"{step}: {reply.Code} {reply.Text}", reply.IsPermanentFailure);
    }

    private static async Task<SmtpReply> ReadReplyAsync(LineConnection conn)
    {
        var text = new StringBuilder();
        for (var lines = 0; lines < 100; lines++)
        {
            var line = await conn.ReadLineAsync(4096);
            if (line.Status != LineStatus.Ok) throw new RelayException("connection closed or reply too long", permanent: false);
            var s = line.Text;
            if (s.Length < 3 || !int.TryParse(s.AsSpan(0, 3), out var code)) throw new RelayException($"bad reply '{s}'", permanent: false);
            if (text.Length > 0) text.Append(' ');
            text.Append(s.Length > 4 ? s[4..] : "");
            if (s.Length == 3 || s[3] == ' ') return new SmtpReply(code, text.ToString());
        }
        throw new RelayException("reply too long", permanent: false);
    }
}
