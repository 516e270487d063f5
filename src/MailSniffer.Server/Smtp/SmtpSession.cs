using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;

namespace MailSniffer.Server.Smtp;

/// <summary>One SMTP conversation (RFC 5321 with ESMTP extensions), incoming or submission.</summary>
public sealed class SmtpSession
{
    private readonly MailDomainHost _host;
    private readonly SmtpListenerKind _kind;
    private readonly LineConnection _conn;
    private string? _helo;
    private bool _esmtp;
    private MailUser? _user;
    private string? _mechanism;
    private string? _sender;
    private readonly List<string> _recipients = [];
    private MemoryStream? _chunks;
    private bool _chunkTooBig;
    private int _badCommands;
    private int _authFailures;
    private bool _quit;

    public SmtpSession(MailDomainHost host, SmtpListenerKind kind, LineConnection connection)
    {
        _host = host;
        _kind = kind;
        _conn = connection;
    }

    private int MaxSize => _host.Limits.MaxMessageBytes;

    public async Task RunAsync()
    {
        await Reply($"220 {_host.HostName} ESMTP MailSniffer ready");
        while (!_quit)
        {
            var line = await _conn.ReadLineAsync(_host.Limits.MaxCommandLineBytes);
            if (line.Status == LineStatus.Closed) return;
            if (line.Status == LineStatus.TooLong)
            {
                await Bad("500 5.5.2 Line too long");
                continue;
            }
            await DispatchAsync(line.Text);
        }
    }

    private async Task DispatchAsync(string line)
    {
        var space = line.IndexOf(' ');
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var arg = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (verb)
        {
            case "EHLO": await Hello(arg, esmtp: true); break;
            case "HELO": await Hello(arg, esmtp: false); break;
            case "MAIL": await Mail(arg); break;
            case "RCPT": await Rcpt(arg); break;
            case "DATA": await Data(arg); break;
            case "BDAT": await Bdat(arg); break;
            case "RSET":
                ResetTransaction();
                await Reply("250 2.0.0 OK");
                break;
            case "NOOP": await Reply("250 2.0.0 OK"); break;
            case "VRFY": await Reply("252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery"); break;
            case "HELP": await Reply("214 2.0.0 See RFC 5321"); break;
            case "QUIT":
                await Reply($"221 2.0.0 {_host.HostName} closing connection");
                _quit = true;
                break;
            case "STARTTLS": await StartTls(arg); break;
            case "AUTH": await Authenticate(arg); break;
            default: await Bad("500 5.5.1 Command unrecognized"); break;
        }
    }

    private Task Reply(string line) => _conn.WriteLineAsync(line);

    private async Task Bad(string reply)
    {
        if (++_badCommands > _host.Limits.MaxBadCommands)
        {
            await Reply("421 4.7.0 Too many errors, closing connection");
            _quit = true;
            return;
        }
        await Reply(reply);
    }

    private async Task Hello(string arg, bool esmtp)
    {
        if (arg.Length == 0 || arg.Contains(' '))
        {
            await Bad($"501 5.5.4 Syntax: {(esmtp ? "EHLO" : "HELO")} hostname");
            return;
        }
        ResetTransaction();
        _helo = arg;
        _esmtp = esmtp;
        if (!esmtp)
        {
            await Reply($"250 {_host.HostName}");
            return;
        }
        var lines = new List<string>
        {
            $"{_host.HostName} greets {arg}",
            $"SIZE {MaxSize}",
            "PIPELINING",
            "8BITMIME",
            "SMTPUTF8",
            "CHUNKING",
            "ENHANCEDSTATUSCODES",
        };
        if (!_conn.IsTls) lines.Add("STARTTLS");
        if (_user is null && (_conn.IsTls || !_host.Domain.RequireTlsForAuth)) lines.Add(_host.Users.AllHaveSharedSecrets ? "AUTH PLAIN LOGIN CRAM-MD5" : "AUTH PLAIN LOGIN");
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++) sb.Append(i < lines.Count - 1 ? "250-" : "250 ").Append(lines[i]).Append("\r\n");
        await _conn.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    private async Task Mail(string arg)
    {
        if (_helo is null)
        {
            await Bad("503 5.5.1 Send EHLO/HELO first");
            return;
        }
        if (_sender is not null)
        {
            await Bad("503 5.5.1 Nested MAIL command");
            return;
        }
        if (_kind == SmtpListenerKind.Submission && _user is null)
        {
            await Bad("530 5.7.0 Authentication required");
            return;
        }
        if (!SmtpPath.TryParse(arg, "FROM", out var sender, out var parameters) || (sender.Length > 0 && !SmtpPath.IsMailbox(sender)))
        {
            await Bad("501 5.1.7 Bad sender address syntax");
            return;
        }
        foreach (var (name, value) in parameters)
        {
            switch (name.ToUpperInvariant())
            {
                case "SIZE":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        await Bad("501 5.5.4 Bad SIZE parameter");
                        return;
                    }
                    if (size > MaxSize)
                    {
                        await Reply($"552 5.3.4 Message size exceeds fixed limit of {MaxSize} octets");
                        return;
                    }
                    break;
                case "BODY":
                    if (value is null || !(value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)))
                    {
                        await Bad("501 5.5.4 Unsupported BODY type");
                        return;
                    }
                    break;
                case "SMTPUTF8":
                case "AUTH":
                    break;
                default:
                    await Bad($"555 5.5.4 Unsupported MAIL parameter {name}");
                    return;
            }
        }
        if (!_esmtp && parameters.Count > 0)
        {
            await Bad("555 5.5.4 MAIL parameters need EHLO");
            return;
        }
        _sender = sender;
        await Reply("250 2.1.0 Sender OK");
    }

    private async Task Rcpt(string arg)
    {
        if (_sender is null)
        {
            await Bad("503 5.5.1 Need MAIL before RCPT");
            return;
        }
        if (!SmtpPath.TryParse(arg, "TO", out var rcpt, out _) || !SmtpPath.IsMailbox(rcpt))
        {
            await Bad("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (_recipients.Count >= _host.Limits.MaxRecipients)
        {
            await Reply("452 4.5.3 Too many recipients");
            return;
        }
        var domain = SmtpPath.DomainOf(rcpt);
        if (_host.IsLocalDomain(domain))
        {
            if (_host.Users.Find(rcpt) is null)
            {
                await Reply($"550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown");
                return;
            }
        }
        else if (_user is null)
        {
            await Reply($"554 5.7.1 <{rcpt}>: Relay access denied");
            return;
        }
        else if (_host.Queue is null)
        {
            await Reply($"550 5.7.1 <{rcpt}>: This server does not relay");
            return;
        }
        _recipients.Add(rcpt);
        await Reply("250 2.1.5 Recipient OK");
    }

    private async Task Data(string arg)
    {
        if (arg.Length > 0)
        {
            await Bad("501 5.5.4 DATA takes no arguments");
            return;
        }
        if (_sender is null || _chunks is not null)
        {
            await Bad(_chunks is not null ? "503 5.5.1 DATA not allowed after BDAT" : "503 5.5.1 Need MAIL command");
            return;
        }
        if (_recipients.Count == 0)
        {
            await Bad("554 5.5.1 No valid recipients");
            return;
        }
        await Reply("354 End data with <CR><LF>.<CR><LF>");
        var body = new MemoryStream();
        var tooBig = false;
        var lineTooLong = false;
        while (true)
        {
            var line = await _conn.ReadLineAsync(_host.Limits.MaxDataLineBytes);
            if (line.Status == LineStatus.Closed) return;
            if (line.Status == LineStatus.TooLong)
            {
                lineTooLong = true;
                continue;
            }
            var bytes = line.Bytes;
            if (bytes.Length == 1 && bytes[0] == '.') break;
            if (tooBig || lineTooLong) continue;
            var start = bytes.Length > 0 && bytes[0] == '.' ? 1 : 0;
            if (body.Length + bytes.Length + 2 > MaxSize)
            {
                tooBig = true;
                continue;
            }
            body.Write(bytes, start, bytes.Length - start);
            body.Write("\r\n"u8);
        }
        if (lineTooLong)
        {
            ResetTransaction();
            await Reply("500 5.5.6 Message line too long");
            return;
        }
        if (tooBig)
        {
            ResetTransaction();
            await Reply($"552 5.3.4 Message size exceeds fixed limit of {MaxSize} octets");
            return;
        }
        await DeliverAsync(body.ToArray());
    }

    private async Task Bdat(string arg)
    {
        var parts = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || (parts.Length == 2 && !parts[1].Equals("LAST", StringComparison.OrdinalIgnoreCase)))
        {
            // Without a valid size we cannot know where the chunk ends; the session cannot continue.
            await Reply("501 5.5.4 Syntax: BDAT size [LAST]; closing connection");
            _quit = true;
            return;
        }
        var last = parts.Length == 2;
        if (_sender is null || _recipients.Count == 0)
        {
            if (!await _conn.ReadExactAsync(size, null)) return;
            await Bad(_sender is null ? "503 5.5.1 Need MAIL command" : "554 5.5.1 No valid recipients");
            return;
        }
        _chunks ??= new MemoryStream();
        if (_chunkTooBig || _chunks.Length + size > MaxSize)
        {
            _chunkTooBig = true;
            if (!await _conn.ReadExactAsync(size, null)) return;
        }
        else if (!await _conn.ReadExactAsync(size, _chunks))
        {
            return;
        }
        if (_chunkTooBig)
        {
            if (last) ResetTransaction();
            await Reply($"552 5.3.4 Message size exceeds fixed limit of {MaxSize} octets");
            return;
        }
        if (!last)
        {
            await Reply($"250 2.0.0 {size} octets received");
            return;
        }
        await DeliverAsync(_chunks.ToArray());
    }

    private async Task DeliverAsync(byte[] body)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        var content = Prepend(ReceivedHeader(id), body);
        var messageId = MessageHeaders.Find(content, "Message-ID");
        var local = _recipients.Where(r => _host.IsLocalDomain(SmtpPath.DomainOf(r))).ToList();
        var remote = _recipients.Except(local).ToList();
        try
        {
            foreach (var rcpt in local) await _host.DeliverLocalAsync(rcpt, content);
            if (remote.Count > 0) await _host.Queue!.EnqueueAsync(_sender!, remote, content, messageId, CancellationToken.None);
        }
        catch (IOException e)
        {
            _host.Events.OnLog($"SMTP {_host.HostName}: storing failed: {e.Message}");
            ResetTransaction();
            await Reply("451 4.3.0 Local error in processing, try again later");
            return;
        }
        _host.Events.OnAccepted(new AcceptedLog(DateTimeOffset.UtcNow, _host.HostName, _conn.LocalEndPoint.ToString(), _conn.RemoteEndPoint.ToString(),
            messageId, _sender!, _recipients.ToList(), _user?.Address, _mechanism, _conn.IsTls, content.Length,
            Convert.ToHexStringLower(SHA256.HashData(body)), body.Length));
        ResetTransaction();
        await Reply($"250 2.0.0 OK queued as {id}");
    }

    /// <summary>
    /// The trace header added to each accepted message. The client's port is written after its address ("[192.0.2.1]:45199"):
    /// it names the very connection, so an analyzer can tie an encrypted session to the copy it relayed.
    /// </summary>
    private byte[] ReceivedHeader(string id)
    {
        var with = (_esmtp ? "ESMTP" : "SMTP") + (_conn.IsTls ? "S" : "") + (_user is not null ? "A" : "");
        var forClause = _recipients.Count == 1 ? $"\r\n\tfor <{_recipients[0]}>" : "";
        var auth = _user is not null ? $" (authenticated as {_user.Address})" : "";
        var date = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $"Received: from {_helo} ([{_conn.RemoteEndPoint.Address}]:{_conn.RemoteEndPoint.Port}){auth}\r\n\tby {_host.HostName} (MailSniffer) with {with} id {id}{forClause};\r\n\t{date}\r\n");
    }

    private static byte[] Prepend(byte[] header, byte[] body)
    {
        var result = new byte[header.Length + body.Length];
        header.CopyTo(result, 0);
        body.CopyTo(result, header.Length);
        return result;
    }

    private void ResetTransaction()
    {
        _sender = null;
        _recipients.Clear();
        _chunks = null;
        _chunkTooBig = false;
    }

    private async Task StartTls(string arg)
    {
        if (arg.Length > 0)
        {
            await Bad("501 5.5.4 STARTTLS takes no arguments");
            return;
        }
        if (_conn.IsTls)
        {
            await Bad("503 5.5.1 TLS already active");
            return;
        }
        // Anything pipelined after STARTTLS was sent in clear and must not be trusted (CVE-2011-0411).
        var injected = _conn.HasBufferedInput;
        await Reply("220 2.0.0 Ready to start TLS");
        await _conn.UpgradeToTlsAsync(_host.Certificate);
        if (injected) _host.Events.OnLog($"SMTP {_host.HostName}: discarded plaintext pipelined after STARTTLS from {_conn.RemoteEndPoint}");
        _helo = null;
        _user = null;
        _mechanism = null;
        ResetTransaction();
    }

    private async Task Authenticate(string arg)
    {
        if (_helo is null || !_esmtp)
        {
            await Bad("503 5.5.1 Send EHLO first");
            return;
        }
        if (_user is not null)
        {
            await Bad("503 5.5.1 Already authenticated");
            return;
        }
        if (_sender is not null)
        {
            await Bad("503 5.5.1 AUTH not allowed during a mail transaction");
            return;
        }
        if (_host.Domain.RequireTlsForAuth && !_conn.IsTls)
        {
            await Bad("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        var parts = arg.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            await Bad("501 5.5.4 Syntax: AUTH mechanism");
            return;
        }
        var mechanism = parts[0].ToUpperInvariant();
        var initial = parts.Length > 1 ? parts[1] : null;
        MailUser? user;
        switch (mechanism)
        {
            case "PLAIN":
            {
                var response = initial ?? await Challenge("");
                if (response is null) return;
                user = SaslPlain.TryDecode(response == "=" ? "" : response, out var login, out var password) ? _host.Users.VerifyPassword(login, password) : null;
                break;
            }
            case "LOGIN":
            {
                var loginB64 = initial ?? await Challenge(SaslPlain.ToBase64("Username:"));
                if (loginB64 is null) return;
                var passwordB64 = await Challenge(SaslPlain.ToBase64("Password:"));
                if (passwordB64 is null) return;
                user = SaslPlain.TryBase64(loginB64, out var login) && SaslPlain.TryBase64(passwordB64, out var password)
                    ? _host.Users.VerifyPassword(login, password) : null;
                break;
            }
            case "CRAM-MD5":
            {
                var challenge = $"<{RandomNumberGenerator.GetInt32(int.MaxValue)}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}@{_host.HostName}>";
                var response = await Challenge(SaslPlain.ToBase64(challenge));
                if (response is null) return;
                user = null;
                if (SaslPlain.TryBase64(response, out var text))
                {
                    var sp = text.LastIndexOf(' ');
                    if (sp > 0) user = _host.Users.VerifyCramMd5(text[..sp], challenge, text[(sp + 1)..]);
                }
                break;
            }
            default:
                await Bad("504 5.5.4 Unrecognized authentication type");
                return;
        }
        if (user is null)
        {
            if (++_authFailures >= _host.Limits.MaxAuthFailures)
            {
                await Reply("421 4.7.0 Too many authentication failures");
                _quit = true;
                return;
            }
            await Reply("535 5.7.8 Authentication credentials invalid");
            return;
        }
        _user = user;
        _mechanism = mechanism;
        await Reply("235 2.7.0 Authentication successful");
    }

    /// <summary>Sends a 334 challenge and returns the client's answer, or null when it cancelled or broke the exchange.</summary>
    private async Task<string?> Challenge(string base64)
    {
        await Reply("334 " + base64);
        var line = await _conn.ReadLineAsync(_host.Limits.MaxCommandLineBytes * 4);
        if (line.Status == LineStatus.Closed)
        {
            _quit = true;
            return null;
        }
        if (line.Status == LineStatus.TooLong)
        {
            await Bad("500 5.5.2 Line too long");
            return null;
        }
        var text = line.Text.Trim();
        if (text == "*")
        {
            await Reply("501 5.7.0 Authentication cancelled");
            return null;
        }
        return text;
    }
}
