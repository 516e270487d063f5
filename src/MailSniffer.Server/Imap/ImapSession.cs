using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Net;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Imap;

/// <summary>One IMAP4rev1 conversation over the user's INBOX and Sent, enough for MailKit, curl, Python's imaplib and desktop clients.</summary>
public sealed class ImapSession
{
    private readonly MailDomainHost _host;
    private readonly LineConnection _conn;
    private readonly ImapCommandReader _reader;
    private MailUser? _user;
    private string? _mailbox;
    private bool _readOnly;
    private List<StoredMessage> _view = [];
    private int _authFailures;
    private int _badCommands;
    private bool _logout;

    public ImapSession(MailDomainHost host, LineConnection connection)
    {
        _host = host;
        _conn = connection;
        _reader = new ImapCommandReader(connection, host.Limits.MaxImapLineBytes, host.Limits.MaxMessageBytes);
    }

    private IMailStore Store => _host.Store;

    private string Capabilities()
    {
        var caps = new StringBuilder("IMAP4rev1 LITERAL+ SASL-IR IDLE UIDPLUS");
        if (!_conn.IsTls && _user is null) caps.Append(" STARTTLS");
        if (_user is null)
        {
            if (_host.Domain.RequireTlsForAuth && !_conn.IsTls) caps.Append(" LOGINDISABLED");
            else caps.Append(" AUTH=PLAIN");
        }
        return caps.ToString();
    }

    public async Task RunAsync()
    {
        await Untagged($"OK [CAPABILITY {Capabilities()}] {_host.HostName} IMAP4rev1 MailSniffer ready");
        while (!_logout)
        {
            var (bytes, error, fatal) = await _reader.ReadAsync();
            if (bytes is null) return;
            if (fatal)
            {
                await Untagged("BYE " + error);
                return;
            }
            if (error is not null)
            {
                await Bad(TagOf(bytes), error);
                continue;
            }
            ImapCommand command;
            try
            {
                command = ImapTokenizer.Parse(bytes);
            }
            catch (ImapParseException e)
            {
                await Bad(TagOf(bytes), e.Message);
                continue;
            }
            await DispatchAsync(command);
        }
    }

    private static string TagOf(byte[] command)
    {
        var tag = Encoding.UTF8.GetString(command, 0, Math.Min(command.Length, 80)).Split(' ', 2)[0].Trim();
        return tag.Length == 0 || tag.Length > 64 || tag.Any(c => char.IsControl(c) || c is '*' or '+') ? "*" : tag;
    }

    private Task Untagged(string text) => _conn.WriteLineAsync("* " + text);
    private Task Ok(ImapCommand c, string text) => _conn.WriteLineAsync($"{c.Tag} OK {text}");
    private Task No(ImapCommand c, string text) => _conn.WriteLineAsync($"{c.Tag} NO {text}");

    private async Task Bad(string tag, string text)
    {
        if (++_badCommands > _host.Limits.MaxBadCommands)
        {
            await Untagged("BYE too many errors");
            _logout = true;
            return;
        }
        await _conn.WriteLineAsync($"{tag} BAD {text}");
    }

    private Task Bad(ImapCommand c, string text) => Bad(c.Tag, text);

    private async Task DispatchAsync(ImapCommand c)
    {
        switch (c.Name)
        {
            case "CAPABILITY":
                await Untagged("CAPABILITY " + Capabilities());
                await Ok(c, "CAPABILITY completed");
                return;
            case "NOOP":
            case "CHECK":
                await AnnounceNewMessagesAsync();
                await Ok(c, c.Name + " completed");
                return;
            case "LOGOUT":
                await Untagged($"BYE {_host.HostName} logging out");
                await Ok(c, "LOGOUT completed");
                _logout = true;
                return;
        }
        if (_user is null)
        {
            switch (c.Name)
            {
                case "STARTTLS": await StartTls(c); return;
                case "LOGIN": await Login(c); return;
                case "AUTHENTICATE": await Authenticate(c); return;
                default: await Bad(c, "command needs authentication or is unknown"); return;
            }
        }
        switch (c.Name)
        {
            case "LIST":
            case "LSUB": await List(c); return;
            case "SELECT":
            case "EXAMINE": await Select(c); return;
            case "STATUS": await Status(c); return;
            case "APPEND": await Append(c); return;
            case "SUBSCRIBE":
            case "UNSUBSCRIBE": await Ok(c, c.Name + " completed"); return;
            case "CREATE":
            case "DELETE":
            case "RENAME": await No(c, "[CANNOT] this server has fixed mailboxes INBOX and Sent"); return;
            case "IDLE": await Idle(c); return;
        }
        if (_mailbox is null)
        {
            await Bad(c, c.Name is "FETCH" or "STORE" or "SEARCH" or "EXPUNGE" or "CLOSE" or "UNSELECT" or "UID" ? "no mailbox selected" : "unknown command");
            return;
        }
        switch (c.Name)
        {
            case "FETCH": await Fetch(c, c.Args, uid: false); return;
            case "STORE": await StoreFlags(c, c.Args, uid: false); return;
            case "SEARCH": await Search(c, c.Args, uid: false); return;
            case "EXPUNGE": await Expunge(c, null); return;
            case "CLOSE":
                if (!_readOnly) ExpungeSilently();
                _mailbox = null;
                await Ok(c, "CLOSE completed");
                return;
            case "UNSELECT":
                _mailbox = null;
                await Ok(c, "UNSELECT completed");
                return;
            case "UID": await Uid(c); return;
            default: await Bad(c, "unknown command"); return;
        }
    }

    private async Task StartTls(ImapCommand c)
    {
        if (_conn.IsTls)
        {
            await Bad(c, "TLS already active");
            return;
        }
        await Ok(c, "Begin TLS negotiation now");
        await _conn.UpgradeToTlsAsync(_host.Certificate);
    }

    private async Task Login(ImapCommand c)
    {
        if (c.Args.Count != 2 || !c.Args[0].IsAString || !c.Args[1].IsAString)
        {
            await Bad(c, "syntax: LOGIN user password");
            return;
        }
        if (_host.Domain.RequireTlsForAuth && !_conn.IsTls)
        {
            await No(c, "[PRIVACYREQUIRED] LOGIN needs STARTTLS first");
            return;
        }
        await LoggedIn(c, _host.Users.VerifyPassword(c.Args[0].Text, c.Args[1].Text), "LOGIN");
    }

    private async Task Authenticate(ImapCommand c)
    {
        if (c.Args.Count is < 1 or > 2 || !c.Args[0].Text.Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            await No(c, "unsupported mechanism (PLAIN only)");
            return;
        }
        if (_host.Domain.RequireTlsForAuth && !_conn.IsTls)
        {
            await No(c, "[PRIVACYREQUIRED] AUTHENTICATE needs STARTTLS first");
            return;
        }
        string response;
        if (c.Args.Count == 2)
        {
            response = c.Args[1].Text == "=" ? "" : c.Args[1].Text;
        }
        else
        {
            await _conn.WriteLineAsync("+ ");
            var line = await _conn.ReadLineAsync(_host.Limits.MaxImapLineBytes);
            if (line.Status != LineStatus.Ok || line.Text.Trim() == "*")
            {
                await Bad(c, "authentication cancelled");
                return;
            }
            response = line.Text.Trim();
        }
        var user = SaslPlain.TryDecode(response, out var login, out var password) ? _host.Users.VerifyPassword(login, password) : null;
        await LoggedIn(c, user, "AUTHENTICATE PLAIN");
    }

    private async Task LoggedIn(ImapCommand c, MailUser? user, string mechanism)
    {
        if (user is null)
        {
            if (++_authFailures >= _host.Limits.MaxAuthFailures)
            {
                await Untagged("BYE too many authentication failures");
                _logout = true;
                return;
            }
            await No(c, "[AUTHENTICATIONFAILED] invalid credentials");
            return;
        }
        _user = user;
        _host.Events.OnLog($"IMAP {_host.HostName}: {user.Address} logged in with {mechanism} from {_conn.RemoteEndPoint}");
        await Ok(c, $"[CAPABILITY {Capabilities()}] {mechanism} completed");
    }

    private async Task List(ImapCommand c)
    {
        if (c.Args.Count != 2)
        {
            await Bad(c, "syntax: LIST reference pattern");
            return;
        }
        var pattern = c.Args[1].Text;
        if (pattern.Length == 0)
        {
            await Untagged($"{c.Name} (\\Noselect) \"/\" \"\"");
            await Ok(c, c.Name + " completed");
            return;
        }
        var regex = new Regex("^" + Regex.Escape(c.Args[0].Text + pattern).Replace("\\*", ".*").Replace("%", "[^/]*") + "$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        foreach (var name in MailboxNames.All.Where(n => regex.IsMatch(n)))
            await Untagged($"{c.Name} (\\HasNoChildren{(name == IMailStore.Sent ? " \\Sent" : "")}) \"/\" {name}");
        await Ok(c, c.Name + " completed");
    }

    private async Task Select(ImapCommand c)
    {
        var name = c.Args.Count == 1 ? MailboxNames.Normalize(c.Args[0].Text) : null;
        _mailbox = null;
        if (name is null)
        {
            await No(c, "[NONEXISTENT] no such mailbox");
            return;
        }
        _mailbox = name;
        _readOnly = c.Name == "EXAMINE";
        _view = Store.List(_user!.Name, name).ToList();
        await Untagged($"FLAGS ({FlagText.All})");
        await Untagged($"OK [PERMANENTFLAGS ({(_readOnly ? "" : FlagText.All)})] flags");
        await Untagged($"{_view.Count} EXISTS");
        await Untagged("0 RECENT");
        var firstUnseen = _view.FindIndex(m => !m.Flags.HasFlag(MessageFlags.Seen));
        if (firstUnseen >= 0) await Untagged($"OK [UNSEEN {firstUnseen + 1}] first unseen");
        await Untagged($"OK [UIDVALIDITY {Store.UidValidity(_user.Name, name)}] UIDs valid");
        await Untagged($"OK [UIDNEXT {Store.UidNext(_user.Name, name)}] predicted next UID");
        await Ok(c, $"[{(_readOnly ? "READ-ONLY" : "READ-WRITE")}] {c.Name} completed");
    }

    private async Task Status(ImapCommand c)
    {
        var name = c.Args.Count == 2 ? MailboxNames.Normalize(c.Args[0].Text) : null;
        if (name is null || c.Args[1].Kind != ImapTokenKind.List)
        {
            await No(c, "[NONEXISTENT] no such mailbox or bad item list");
            return;
        }
        var messages = Store.List(_user!.Name, name);
        var items = new List<string>();
        foreach (var item in c.Args[1].Children!.Select(t => t.Text.ToUpperInvariant()))
        {
            items.Add(item switch
            {
                "MESSAGES" => $"MESSAGES {messages.Count}",
                "RECENT" => "RECENT 0",
                "UNSEEN" => $"UNSEEN {messages.Count(m => !m.Flags.HasFlag(MessageFlags.Seen))}",
                "UIDNEXT" => $"UIDNEXT {Store.UidNext(_user.Name, name)}",
                "UIDVALIDITY" => $"UIDVALIDITY {Store.UidValidity(_user.Name, name)}",
                _ => "",
            });
        }
        if (items.Contains(""))
        {
            await Bad(c, "unknown STATUS item");
            return;
        }
        await Untagged($"STATUS {name} ({string.Join(' ', items)})");
        await Ok(c, "STATUS completed");
    }

    private async Task Append(ImapCommand c)
    {
        if (c.Args.Count is < 2 or > 4 || c.Args[^1].Kind != ImapTokenKind.String)
        {
            await Bad(c, "syntax: APPEND mailbox [(flags)] [date] literal");
            return;
        }
        var name = MailboxNames.Normalize(c.Args[0].Text);
        if (name is null)
        {
            await No(c, "[TRYCREATE] no such mailbox");
            return;
        }
        var flags = MessageFlags.None;
        var date = DateTimeOffset.UtcNow;
        foreach (var arg in c.Args.Skip(1).Take(c.Args.Count - 2))
        {
            if (arg.Kind == ImapTokenKind.List) flags = FlagText.Parse(arg.Children!.Select(t => t.Text));
            else if (!DateTimeOffset.TryParseExact(arg.Text.Trim(), ["d-MMM-yyyy HH:mm:ss zzz", "dd-MMM-yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                await Bad(c, "bad date-time");
                return;
            }
        }
        var content = c.Args[^1].Bytes!;
        var stored = await Store.AppendAsync(_user!.Name, name, content, flags, date, CancellationToken.None);
        _host.Events.OnLog($"IMAP {_host.HostName}: {_user.Address} appended {content.Length} octets to {name}");
        if (_mailbox == name) await AnnounceNewMessagesAsync();
        await Ok(c, $"[APPENDUID {Store.UidValidity(_user.Name, name)} {stored.Uid}] APPEND completed");
    }

    private async Task Idle(ImapCommand c)
    {
        using var signal = new SemaphoreSlim(0);
        var user = _user!.Name;
        void OnChange(string u, string mailbox)
        {
            if (u.Equals(user, StringComparison.OrdinalIgnoreCase) && mailbox == _mailbox) signal.Release();
        }
        Store.MailboxChanged += OnChange;
        try
        {
            await _conn.WriteLineAsync("+ idling");
            var read = _conn.ReadLineAsync(_host.Limits.MaxImapLineBytes);
            while (true)
            {
                var woke = signal.WaitAsync();
                if (await Task.WhenAny(read, woke) == read) break;
                await AnnounceNewMessagesAsync();
            }
            var line = await read;
            if (line.Status == LineStatus.Closed)
            {
                _logout = true;
                return;
            }
            if (line.Status == LineStatus.Ok && line.Text.Trim().Equals("DONE", StringComparison.OrdinalIgnoreCase)) await Ok(c, "IDLE terminated");
            else await Bad(c, "expected DONE");
        }
        finally
        {
            Store.MailboxChanged -= OnChange;
        }
    }

    private async Task AnnounceNewMessagesAsync()
    {
        if (_mailbox is null) return;
        var maxUid = _view.Count == 0 ? 0 : _view[^1].Uid;
        var added = Store.List(_user!.Name, _mailbox).Where(m => m.Uid > maxUid).ToList();
        if (added.Count == 0) return;
        _view.AddRange(added);
        await Untagged($"{_view.Count} EXISTS");
    }

    private async Task Uid(ImapCommand c)
    {
        if (c.Args.Count == 0)
        {
            await Bad(c, "UID needs a command");
            return;
        }
        var rest = c.Args.Skip(1).ToList();
        switch (c.Args[0].Text.ToUpperInvariant())
        {
            case "FETCH": await Fetch(c, rest, uid: true); return;
            case "STORE": await StoreFlags(c, rest, uid: true); return;
            case "SEARCH": await Search(c, rest, uid: true); return;
            case "EXPUNGE":
                var set = rest.Count == 1 ? SequenceSet.Parse(rest[0].Text, MaxUid) : null;
                if (set is null) await Bad(c, "syntax: UID EXPUNGE set");
                else await Expunge(c, set);
                return;
            default: await Bad(c, "unknown UID command"); return;
        }
    }

    private uint MaxUid => _view.Count == 0 ? 0 : _view[^1].Uid;

    private List<(int Index, StoredMessage Message)>? Resolve(string setText, bool uid)
    {
        var set = SequenceSet.Parse(setText, uid ? MaxUid : (uint)_view.Count);
        if (set is null) return null;
        return _view.Select((m, i) => (i, m)).Where(x => uid ? set.Contains(x.m.Uid) : set.Contains((uint)x.i + 1)).ToList();
    }

    private async Task Fetch(ImapCommand c, IReadOnlyList<ImapToken> args, bool uid)
    {
        var targets = args.Count == 2 ? Resolve(args[0].Text, uid) : null;
        var items = args.Count == 2 ? FetchResponder.ParseItems(args[1]) : null;
        if (targets is null || items is null)
        {
            await Bad(c, "syntax: FETCH set items");
            return;
        }
        foreach (var (index, message) in targets)
        {
            var w = new ImapWriter();
            byte[] Load() => Store.Read(_user!.Name, _mailbox!, message.Uid);
            bool setSeen;
            try
            {
                setSeen = FetchResponder.Write(w, index + 1, message, items, uid, Load, message.Flags);
            }
            catch (KeyNotFoundException)
            {
                continue;
            }
            await _conn.WriteAsync(w.ToArray());
            if (setSeen && !_readOnly)
                _view[index] = Store.SetFlags(_user!.Name, _mailbox!, message.Uid, message.Flags | MessageFlags.Seen) ?? message;
        }
        await Ok(c, (uid ? "UID " : "") + "FETCH completed");
    }

    private async Task StoreFlags(ImapCommand c, IReadOnlyList<ImapToken> args, bool uid)
    {
        var targets = args.Count == 3 ? Resolve(args[0].Text, uid) : null;
        if (targets is null)
        {
            await Bad(c, "syntax: STORE set [+|-]FLAGS[.SILENT] (flags)");
            return;
        }
        if (_readOnly)
        {
            await No(c, "[READ-ONLY] mailbox is read-only");
            return;
        }
        var action = args[1].Text.ToUpperInvariant();
        var silent = action.EndsWith(".SILENT", StringComparison.Ordinal);
        if (silent) action = action[..^7];
        if (action is not ("FLAGS" or "+FLAGS" or "-FLAGS"))
        {
            await Bad(c, "unknown STORE item");
            return;
        }
        var flags = FlagText.Parse(args[2].Kind == ImapTokenKind.List ? args[2].Children!.Select(t => t.Text) : [args[2].Text]);
        foreach (var (index, message) in targets)
        {
            var updated = action switch
            {
                "+FLAGS" => message.Flags | flags,
                "-FLAGS" => message.Flags & ~flags,
                _ => flags,
            };
            var stored = Store.SetFlags(_user!.Name, _mailbox!, message.Uid, updated);
            if (stored is null) continue;
            _view[index] = stored;
            if (!silent) await Untagged($"{index + 1} FETCH ({(uid ? $"UID {message.Uid} " : "")}FLAGS ({FlagText.Format(updated)}))");
        }
        await Ok(c, (uid ? "UID " : "") + "STORE completed");
    }

    private async Task Search(ImapCommand c, IReadOnlyList<ImapToken> args, bool uid)
    {
        var predicate = args.Count == 0 ? null : SearchEvaluator.Compile(args, (uint)_view.Count, MaxUid);
        if (predicate is null)
        {
            await Bad(c, "unsupported or malformed search");
            return;
        }
        var hits = new List<uint>();
        for (var i = 0; i < _view.Count; i++)
        {
            var m = _view[i];
            var target = new SearchTarget((uint)i + 1, m, () => Store.Read(_user!.Name, _mailbox!, m.Uid));
            try
            {
                if (predicate(target)) hits.Add(uid ? m.Uid : (uint)i + 1);
            }
            catch (KeyNotFoundException)
            {
            }
        }
        await Untagged("SEARCH" + string.Concat(hits.Select(h => " " + h.ToString(CultureInfo.InvariantCulture))));
        await Ok(c, (uid ? "UID " : "") + "SEARCH completed");
    }

    private async Task Expunge(ImapCommand c, SequenceSet? uidSet)
    {
        if (_readOnly)
        {
            await No(c, "[READ-ONLY] mailbox is read-only");
            return;
        }
        for (var i = 0; i < _view.Count;)
        {
            var m = _view[i];
            if (m.Flags.HasFlag(MessageFlags.Deleted) && (uidSet is null || uidSet.Contains(m.Uid)))
            {
                Store.Delete(_user!.Name, _mailbox!, m.Uid);
                _view.RemoveAt(i);
                await Untagged($"{i + 1} EXPUNGE");
            }
            else i++;
        }
        await Ok(c, "EXPUNGE completed");
    }

    private void ExpungeSilently()
    {
        foreach (var m in _view.Where(m => m.Flags.HasFlag(MessageFlags.Deleted)))
            Store.Delete(_user!.Name, _mailbox!, m.Uid);
    }
}
