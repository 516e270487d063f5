using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;
using MailSniffer.Server.Queue;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Pop3;

/// <summary>One POP3 conversation (RFC 1939 with CAPA, STLS and SASL PLAIN) over a snapshot of the user's INBOX.</summary>
public sealed class Pop3Session
{
    private readonly MailDomainHost _host;
    private readonly LineConnection _conn;
    private readonly string? _timestamp;
    private string? _userName;
    private MailUser? _user;
    private List<StoredMessage> _messages = [];
    private readonly HashSet<int> _deleted = [];
    private int _authFailures;
    private int _badCommands;
    private bool _quit;

    public Pop3Session(MailDomainHost host, LineConnection connection)
    {
        _host = host;
        _conn = connection;
        _timestamp = !host.Users.AllHaveSharedSecrets ? null : $"<{Environment.ProcessId}.{RandomNumberGenerator.GetInt32(int.MaxValue)}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}@{host.HostName}>";
    }

    public async Task RunAsync()
    {
        await Ok(_timestamp is null ? $"{_host.HostName} POP3 ready" : $"{_host.HostName} POP3 ready {_timestamp}");
        while (!_quit)
        {
            var line = await _conn.ReadLineAsync(_host.Limits.MaxCommandLineBytes);
            if (line.Status == LineStatus.Closed) return;
            if (line.Status == LineStatus.TooLong)
            {
                await Bad("line too long");
                continue;
            }
            var text = line.Text;
            var space = text.IndexOf(' ');
            var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var arg = space < 0 ? "" : text[(space + 1)..];
            if (_user is null) await Authorization(verb, arg);
            else await Transaction(verb, arg);
        }
    }

    private Task Ok(string text) => _conn.WriteLineAsync("+OK " + text);

    private async Task Bad(string text)
    {
        if (++_badCommands > _host.Limits.MaxBadCommands)
        {
            await _conn.WriteLineAsync("-ERR too many errors, closing connection");
            _quit = true;
            return;
        }
        await _conn.WriteLineAsync("-ERR " + text);
    }

    private async Task Capabilities()
    {
        var caps = new StringBuilder("+OK capability list follows\r\nUSER\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSASL PLAIN\r\n");
        if (!_conn.IsTls && _user is null) caps.Append("STLS\r\n");
        caps.Append("IMPLEMENTATION MailSniffer\r\n.\r\n");
        await _conn.WriteAsync(Encoding.ASCII.GetBytes(caps.ToString()));
    }

    private async Task Authorization(string verb, string arg)
    {
        switch (verb)
        {
            case "CAPA":
                await Capabilities();
                break;
            case "USER":
                if (arg.Length == 0)
                {
                    await Bad("USER needs a name");
                    break;
                }
                _userName = arg;
                await Ok("send PASS");
                break;
            case "PASS":
                if (_userName is null)
                {
                    await Bad("send USER first");
                    break;
                }
                await LoggedIn(_host.Users.VerifyPassword(_userName, arg), "USER/PASS");
                break;
            case "APOP":
            {
                var parts = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || _timestamp is null)
                {
                    await Bad(_timestamp is null ? "APOP not available: not every user here has a shared secret" : "syntax: APOP name digest");
                    break;
                }
                await LoggedIn(_host.Users.VerifyApop(parts[0], _timestamp, parts[1]), "APOP");
                break;
            }
            case "AUTH":
                await Auth(arg);
                break;
            case "STLS":
                if (_conn.IsTls)
                {
                    await Bad("TLS already active");
                    break;
                }
                await Ok("begin TLS negotiation");
                await _conn.UpgradeToTlsAsync(_host.Certificate);
                _userName = null;
                break;
            case "QUIT":
                await Ok($"{_host.HostName} signing off");
                _quit = true;
                break;
            default:
                await Bad("command not valid before login");
                break;
        }
    }

    private async Task Auth(string arg)
    {
        var parts = arg.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            await _conn.WriteAsync("+OK\r\nPLAIN\r\n.\r\n"u8.ToArray());
            return;
        }
        if (!parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            await Bad("unsupported mechanism");
            return;
        }
        var response = parts.Length > 1 ? parts[1] : null;
        if (response is null)
        {
            await _conn.WriteLineAsync("+ ");
            var line = await _conn.ReadLineAsync(_host.Limits.MaxCommandLineBytes * 4);
            if (line.Status != LineStatus.Ok)
            {
                await Bad("authentication aborted");
                return;
            }
            response = line.Text.Trim();
            if (response == "*")
            {
                await Bad("authentication cancelled");
                return;
            }
        }
        var user = SaslPlain.TryDecode(response, out var login, out var password) ? _host.Users.VerifyPassword(login, password) : null;
        await LoggedIn(user, "AUTH PLAIN");
    }

    private async Task LoggedIn(MailUser? user, string mechanism)
    {
        if (user is null)
        {
            _userName = null;
            if (++_authFailures >= _host.Limits.MaxAuthFailures)
            {
                await _conn.WriteLineAsync("-ERR [AUTH] too many failures, closing connection");
                _quit = true;
                return;
            }
            await _conn.WriteLineAsync("-ERR [AUTH] invalid credentials");
            return;
        }
        _user = user;
        _messages = _host.Store.List(user.Name, IMailStore.Inbox).ToList();
        _host.Events.OnLog($"POP3 {_host.HostName}: {user.Address} logged in with {mechanism} from {_conn.RemoteEndPoint}");
        await Ok($"{user.Name} has {_messages.Count} message(s) ({_messages.Sum(m => m.Size)} octets)");
    }

    private async Task Transaction(string verb, string arg)
    {
        switch (verb)
        {
            case "STAT":
            {
                var live = Live().ToList();
                await Ok($"{live.Count} {live.Sum(m => m.Message.Size)}");
                break;
            }
            case "LIST":
            case "UIDL":
                await Listing(verb == "UIDL", arg);
                break;
            case "RETR":
                if (Number(arg) is { } retr)
                {
                    var content = _host.Store.Read(_user!.Name, IMailStore.Inbox, retr.Message.Uid);
                    await _conn.WriteAsync(Multi($"{content.Length} octets", content));
                    _host.Store.SetFlags(_user.Name, IMailStore.Inbox, retr.Message.Uid, retr.Message.Flags | MessageFlags.Seen);
                }
                else await Bad("no such message");
                break;
            case "TOP":
            {
                var parts = arg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && Number(parts[0]) is { } top && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
                    await _conn.WriteAsync(Multi("top of message follows", Top(_host.Store.Read(_user!.Name, IMailStore.Inbox, top.Message.Uid), lines)));
                else await Bad("syntax: TOP msg n");
                break;
            }
            case "DELE":
                if (Number(arg) is { } dele)
                {
                    _deleted.Add(dele.Index);
                    await Ok($"message {dele.Index + 1} deleted");
                }
                else await Bad("no such message");
                break;
            case "RSET":
                _deleted.Clear();
                await Ok("maildrop reset");
                break;
            case "NOOP":
                await Ok("");
                break;
            case "CAPA":
                await Capabilities();
                break;
            case "QUIT":
                foreach (var i in _deleted) _host.Store.Delete(_user!.Name, IMailStore.Inbox, _messages[i].Uid);
                await Ok($"{_host.HostName} signing off ({_deleted.Count} deleted)");
                _quit = true;
                break;
            default:
                await Bad("unknown command");
                break;
        }
    }

    private IEnumerable<(int Index, StoredMessage Message)> Live() =>
        _messages.Select((m, i) => (i, m)).Where(x => !_deleted.Contains(x.i));

    private (int Index, StoredMessage Message)? Number(string arg)
    {
        if (!int.TryParse(arg.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > _messages.Count || _deleted.Contains(n - 1))
            return null;
        return (n - 1, _messages[n - 1]);
    }

    private async Task Listing(bool uidl, string arg)
    {
        string Describe(int index, StoredMessage m) =>
            uidl ? $"{index + 1} {_host.Store.UidValidity(_user!.Name, IMailStore.Inbox)}.{m.Uid}" : $"{index + 1} {m.Size}";
        if (arg.Length > 0)
        {
            if (Number(arg) is { } one) await Ok(Describe(one.Index, one.Message));
            else await Bad("no such message");
            return;
        }
        var sb = new StringBuilder("+OK listing follows\r\n");
        foreach (var (i, m) in Live()) sb.Append(Describe(i, m)).Append("\r\n");
        sb.Append(".\r\n");
        await _conn.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    private static byte[] Multi(string status, byte[] content)
    {
        var head = Encoding.ASCII.GetBytes($"+OK {status}\r\n");
        var body = DotStuffing.Encode(content);
        return [.. head, .. body];
    }

    private static byte[] Top(byte[] content, int bodyLines)
    {
        var pos = Imap.MessageSections.HeaderLength(content);
        for (var i = 0; i < bodyLines && pos < content.Length; i++)
        {
            var lf = Array.IndexOf(content, (byte)'\n', pos);
            pos = lf < 0 ? content.Length : lf + 1;
        }
        return content[..pos];
    }
}
