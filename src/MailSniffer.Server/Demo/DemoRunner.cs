using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailSniffer.Server.Demo.Truth;
using MailSniffer.Server.Hosting;
using IMailStore = MailSniffer.Server.Storage.IMailStore;
using StoreFlags = MailSniffer.Server.Storage.MessageFlags;
using MimeKit;

namespace MailSniffer.Server.Demo;

/// <summary>
/// Plays the delivery story on loopback with real clients (MailKit) against the real servers, narrating
/// each step and recording the ground truth an analyzer's output can be checked against.
/// </summary>
public sealed class DemoRunner
{
    private static readonly FormatOptions Wire = new() { NewLineFormat = NewLineFormat.Dos };
    private readonly DemoOptions _options;
    private readonly Action<string> _narrate;
    private readonly IDemoRecorder? _recorder;
    private readonly TruthDocument _truth = new();
    private readonly ConcurrentQueue<AcceptedLog> _accepted = new();
    private readonly ConcurrentQueue<RelayLog> _relays = new();
    private readonly ConcurrentQueue<DnsQueryLog> _queries = new();
    private DemoPorts _ports = DemoPorts.High;
    private MailSystem? _system;

    public DemoRunner(DemoOptions options, Action<string> narrate, IDemoRecorder? recorder)
    {
        _options = options;
        _narrate = narrate;
        _recorder = recorder;
    }

    private DemoAddresses A => _options.Addresses;

    /// <summary>Runs the scenario; returns the path of the truth file.</summary>
    public async Task<string> RunAsync(CancellationToken ct)
    {
        _ports = _options.HighPorts ? DemoPorts.High : CanBindStandardPorts() ? DemoPorts.Standard : DemoPorts.High;
        if (!_options.HighPorts && _ports == DemoPorts.High)
            _narrate("note: cannot bind ports 25/53/110/143/587 (need root or CAP_NET_BIND_SERVICE); using high ports 2525/5353/1110/1143/5587");
        var truthPath = TruthPath();
        if (_options.TruthPath is not null && _options.TruthPath.EndsWith(".truth.json", StringComparison.Ordinal))
            _truth.Capture = Path.GetFileName(_options.TruthPath)[..^".truth.json".Length] + ".pcapng";
        _truth.Scenario = _options.Scenario.ToString().ToLowerInvariant();
        _truth.Started = TruthTime.Format(DateTimeOffset.UtcNow);
        _truth.Hosts = new Dictionary<string, string>
        {
            ["dns"] = $"{A.Dns}:{_ports.Dns}",
            ["mx.a.test"] = A.MxA,
            ["mx.b.test"] = A.MxB,
            ["alice-client"] = A.AliceClient,
            ["bob-client"] = A.BobClient,
        };
        var recording = false;
        if (_options.CapturePath is not null && _recorder is not null)
        {
            _truth.Capture = Path.GetFileName(_options.CapturePath);
            await _recorder.StartAsync(_options.CapturePath, ct);
            recording = true;
            _narrate($"capture: recording loopback into {_options.CapturePath}");
        }
        try
        {
            _system = await MailSystem.StartAsync(DemoConfig.Build(A, _ports), Subscribe);
            _narrate($"DNS   server for a.test and b.test on {A.Dns}:{_ports.Dns}");
            _narrate($"MX    mx.a.test on {A.MxA} and mx.b.test on {A.MxB}: SMTP {_ports.Smtp}, submission {_ports.Submission}, POP3 {_ports.Pop3}, IMAP {_ports.Imap}");
            switch (_options.Scenario)
            {
                case DemoScenario.Full:
                    await FullStoryAsync(ct);
                    break;
                case DemoScenario.Pop3:
                    await SeedBobAsync(ct);
                    await ReadByPop3Async(null, ct);
                    break;
                case DemoScenario.Imap:
                    await SeedBobAsync(ct);
                    await ReadByImapAsync(null, ct);
                    break;
            }
        }
        finally
        {
            if (recording)
            {
                // Let the kernel hand the last packets (FIN/ACK) to the recorder before stopping it.
                await Task.Delay(_options.SettleDelay, CancellationToken.None);
                await _recorder!.StopAsync();
                _narrate($"capture: stopped, {_options.CapturePath}");
            }
            if (_system is not null) await _system.DisposeAsync();
        }
        _truth.Finished = TruthTime.Format(DateTimeOffset.UtcNow);
        CollectServerLogs();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(truthPath))!);
        await File.WriteAllTextAsync(truthPath, JsonSerializer.Serialize(_truth, TruthJson.Options), ct);
        _narrate($"truth: {truthPath}");
        return truthPath;
    }

    private string TruthPath()
    {
        if (_options.TruthPath is not null) return _options.TruthPath;
        if (_options.CapturePath is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(_options.CapturePath))!;
            return Path.Combine(dir, Path.GetFileNameWithoutExtension(_options.CapturePath) + ".truth.json");
        }
        return Path.Combine(_options.OutputDirectory, "demo.truth.json");
    }

    private void Subscribe(MailSystemEvents events)
    {
        events.DnsQuery += q =>
        {
            _queries.Enqueue(q);
            _narrate($"DNS   {q.Client} asks {q.Type} {q.Name} -> {(q.Answers.Count == 0 ? q.ReturnCode : string.Join(", ", q.Answers))}");
        };
        events.Accepted += a =>
        {
            _accepted.Enqueue(a);
            _narrate($"SMTP  {a.Host} [{a.ServerEndPoint}] accepted {a.MessageId} from {a.ClientEndPoint}{(a.AuthenticatedUser is null ? "" : $" (AUTH {a.Mechanism} as {a.AuthenticatedUser})")}{(a.Tls ? " over TLS" : "")} for {string.Join(", ", a.Recipients)}");
        };
        events.Relayed += r =>
        {
            _relays.Enqueue(r);
            _narrate($"RELAY {r.FromHost} [{r.FromEndPoint}] -> {r.ToHost} [{r.ToEndPoint}] {r.MessageId}: {(r.Succeeded ? "delivered" : "failed: " + r.Result)}");
        };
    }

    private async Task FullStoryAsync(CancellationToken ct)
    {
        var tls = _options.AllStartTls;
        var plan = new (MimeMessage Message, string Mechanism, bool StartTls)[]
        {
            (DemoMessages.PlainText(), "PLAIN", tls),
            (DemoMessages.HtmlWithAttachment(), "LOGIN", tls),
            (DemoMessages.NonAscii(), "CRAM-MD5", tls),
            (DemoMessages.BothDomains(), "PLAIN", tls),
            (DemoMessages.OverStartTls(), "PLAIN", true),
        };
        foreach (var (message, mechanism, startTls) in plan) await SubmitAsync(message, mechanism, startTls, ct);
        _narrate("wait  for mx.a.test to relay everything to mx.b.test");
        var bobStore = _system!.Host("b.test").Store;
        await WaitAsync(() => bobStore.List("bob", IMailStore.Inbox).Count >= plan.Length, ct);
        var ids = plan.Select(p => p.Message.MessageId ?? "").ToList();
        await ReadByPop3Async(ids.Take(2).ToList(), ct);
        await ReadByImapAsync(ids.Skip(2).ToList(), ct);
        await AppendToSentAsync(plan.Select(p => p.Message).ToList(), ct);
    }

    private async Task SubmitAsync(MimeMessage message, string mechanism, bool startTls, CancellationToken ct)
    {
        var server = new IPEndPoint(IPAddress.Parse(A.MxA), _ports.Submission);
        var session = new TruthSession { Protocol = "SMTP", Server = server.ToString(), ServerName = "mx.a.test", User = "alice", Mechanism = mechanism, Encrypted = startTls };
        _narrate($"SMTP  alice [{A.AliceClient}] submits \"{message.Subject}\" to mx.a.test:{_ports.Submission} (AUTH {mechanism}{(startTls ? ", STARTTLS" : "")})");
        session.Started = TruthTime.Format(DateTimeOffset.UtcNow);
        using (var client = new SmtpClient())
        {
            client.LocalDomain = "alice-laptop.a.test";
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            var socket = await ConnectAsync(A.AliceClient, server, ct);
            session.Client = socket.LocalEndPoint!.ToString()!;
            await client.ConnectAsync(socket, "mx.a.test", server.Port, startTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            await client.AuthenticateAsync(Sasl(mechanism, "alice", DemoConfig.AlicePassword), ct);
            Credential("SMTP", mechanism, "alice", DemoConfig.AlicePassword, session.Client, server.ToString(), startTls);
            await client.SendAsync(Wire, message, ct);
            await client.DisconnectAsync(true, ct);
        }
        session.Finished = TruthTime.Format(DateTimeOffset.UtcNow);
        _truth.Messages.Add(new TruthMessage
        {
            MessageId = message.MessageId ?? "",
            Subject = message.Subject ?? "",
            From = message.From.Mailboxes.First().Address,
            To = message.To.Mailboxes.Select(m => m.Address).ToList(),
            Cc = message.Cc.Mailboxes.Select(m => m.Address).ToList(),
            Submission = session,
        });
    }

    private static SaslMechanism Sasl(string mechanism, string user, string password)
    {
        var credentials = new NetworkCredential(user, password);
        return mechanism switch
        {
            "LOGIN" => new SaslMechanismLogin(credentials),
            "CRAM-MD5" => new SaslMechanismCramMd5(credentials),
            _ => new SaslMechanismPlain(credentials),
        };
    }

    private async Task SeedBobAsync(CancellationToken ct)
    {
        var store = _system!.Host("b.test").Store;
        foreach (var message in new[] { DemoMessages.PlainText(), DemoMessages.HtmlWithAttachment(), DemoMessages.NonAscii() })
        {
            var bytes = new MemoryStream();
            await message.WriteToAsync(Wire, bytes, ct);
            await store.AppendAsync("bob", IMailStore.Inbox, bytes.ToArray(), StoreFlags.None, DateTimeOffset.UtcNow, ct);
            _narrate($"seed  bob's INBOX with \"{message.Subject}\" (no network traffic)");
            _truth.Messages.Add(new TruthMessage
            {
                MessageId = message.MessageId ?? "",
                Subject = message.Subject ?? "",
                From = "alice@a.test",
                To = ["bob@b.test"],
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())),
                Size = bytes.Length,
            });
        }
    }

    private async Task ReadByPop3Async(List<string>? messageIds, CancellationToken ct)
    {
        var server = new IPEndPoint(IPAddress.Parse(A.MxB), _ports.Pop3);
        using var client = new Pop3Client();
        var socket = await ConnectAsync(A.BobClient, server, ct);
        var local = socket.LocalEndPoint!.ToString()!;
        _narrate($"POP3  bob [{local}] connects to mx.b.test:{_ports.Pop3} and logs in with USER/PASS");
        await client.ConnectAsync(socket, "mx.b.test", server.Port, SecureSocketOptions.None, ct);
        client.Capabilities &= ~(Pop3Capabilities.Sasl | Pop3Capabilities.Apop);
        await client.AuthenticateAsync("bob", DemoConfig.BobPassword, ct);
        Credential("POP3", "USER/PASS", "bob", DemoConfig.BobPassword, local, server.ToString(), false);
        var uids = await client.GetMessageUidsAsync(ct);
        _narrate($"POP3  bob has {client.Count} message(s); UIDL {string.Join(" ", uids)}");
        for (var i = 0; i < client.Count; i++)
        {
            var headers = await client.GetMessageHeadersAsync(i, ct);
            var id = MimeKit.Utils.MimeUtils.EnumerateReferences(headers[HeaderId.MessageId] ?? "").FirstOrDefault() ?? "";
            if (messageIds is not null && !messageIds.Contains(id)) continue;
            var message = await client.GetMessageAsync(i, ct);
            _narrate($"POP3  bob RETR {i + 1}: \"{message.Subject}\"");
            _truth.Retrievals.Add(new TruthRetrieval { Protocol = "POP3", User = "bob", Client = local, Server = server.ToString(), MessageId = message.MessageId ?? "", Time = TruthTime.Format(DateTimeOffset.UtcNow) });
        }
        await client.DisconnectAsync(true, ct);
    }

    private async Task ReadByImapAsync(List<string>? messageIds, CancellationToken ct)
    {
        var server = new IPEndPoint(IPAddress.Parse(A.MxB), _ports.Imap);
        using var client = new ImapClient();
        var socket = await ConnectAsync(A.BobClient, server, ct);
        var local = socket.LocalEndPoint!.ToString()!;
        _narrate($"IMAP  bob [{local}] connects to mx.b.test:{_ports.Imap} and logs in with LOGIN");
        await client.ConnectAsync(socket, "mx.b.test", server.Port, SecureSocketOptions.None, ct);
        client.AuthenticationMechanisms.Clear();
        await client.AuthenticateAsync("bob", DemoConfig.BobPassword, ct);
        Credential("IMAP", "LOGIN", "bob", DemoConfig.BobPassword, local, server.ToString(), false);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite, ct);
        var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size, ct);
        _narrate($"IMAP  bob SELECT INBOX: {inbox.Count} message(s), FETCH envelopes");
        foreach (var s in summaries)
        {
            if (messageIds is not null && !messageIds.Contains(s.Envelope?.MessageId ?? "")) continue;
            var message = await inbox.GetMessageAsync(s.UniqueId, ct);
            _narrate($"IMAP  bob UID FETCH {s.UniqueId.Id} BODY.PEEK[]: \"{message.Subject}\"");
            _truth.Retrievals.Add(new TruthRetrieval { Protocol = "IMAP", User = "bob", Client = local, Server = server.ToString(), MessageId = message.MessageId ?? "", Time = TruthTime.Format(DateTimeOffset.UtcNow) });
        }
        await client.DisconnectAsync(true, ct);
    }

    private async Task AppendToSentAsync(List<MimeMessage> messages, CancellationToken ct)
    {
        var server = new IPEndPoint(IPAddress.Parse(A.MxA), _ports.Imap);
        using var client = new ImapClient();
        var socket = await ConnectAsync(A.AliceClient, server, ct);
        var local = socket.LocalEndPoint!.ToString()!;
        _narrate($"IMAP  alice [{local}] connects to mx.a.test:{_ports.Imap} (AUTHENTICATE PLAIN) to save copies in Sent");
        await client.ConnectAsync(socket, "mx.a.test", server.Port, SecureSocketOptions.None, ct);
        await client.AuthenticateAsync(new SaslMechanismPlain("alice", DemoConfig.AlicePassword), ct);
        Credential("IMAP", "PLAIN", "alice", DemoConfig.AlicePassword, local, server.ToString(), false);
        var sent = client.GetFolder("Sent");
        foreach (var message in messages)
        {
            var bytes = new MemoryStream();
            await message.WriteToAsync(Wire, bytes, ct);
            await sent.AppendAsync(Wire, message, MailKit.MessageFlags.Seen, ct);
            _narrate($"IMAP  alice APPEND Sent \"{message.Subject}\" ({bytes.Length} octets)");
            _truth.Uploads.Add(new TruthUpload { User = "alice", Client = local, Server = server.ToString(), Mailbox = "Sent", MessageId = message.MessageId ?? "", Size = bytes.Length, Time = TruthTime.Format(DateTimeOffset.UtcNow) });
        }
        await client.DisconnectAsync(true, ct);
    }

    private void Credential(string protocol, string mechanism, string user, string password, string client, string server, bool encrypted) =>
        _truth.Credentials.Add(new TruthCredential { Protocol = protocol, Mechanism = mechanism, User = user, Password = password, Client = client, Server = server, Encrypted = encrypted, Time = TruthTime.Format(DateTimeOffset.UtcNow) });

    private void CollectServerLogs()
    {
        foreach (var a in _accepted.Where(a => a.Host == "mx.a.test"))
        {
            var m = _truth.Messages.FirstOrDefault(x => "<" + x.MessageId + ">" == a.MessageId);
            if (m is null) continue;
            m.Sha256 = a.BodySha256;
            m.Size = a.BodySize;
        }
        foreach (var r in _relays)
        {
            _truth.Relays.Add(new TruthRelay
            {
                MessageId = r.MessageId?.Trim('<', '>'),
                FromServer = r.FromHost,
                FromEndPoint = r.FromEndPoint,
                ToServer = r.ToHost,
                ToEndPoint = r.ToEndPoint,
                Recipients = r.Recipients.ToList(),
                Lookups = r.Lookups.Select(l => new TruthLookup { Name = l.Name, Type = l.Type, Answers = l.Answers.ToList(), Time = TruthTime.Format(l.Time) }).ToList(),
                Succeeded = r.Succeeded,
                Started = TruthTime.Format(r.Started),
                Finished = TruthTime.Format(r.Finished),
            });
        }
        foreach (var q in _queries)
            _truth.DnsQueries.Add(new TruthDnsQuery { Client = q.Client, Server = _truth.Hosts["dns"], Name = q.Name, Type = q.Type, Answers = q.Answers.ToList(), ReturnCode = q.ReturnCode, Time = TruthTime.Format(q.Time) });
    }

    private static async Task<Socket> ConnectAsync(string localAddress, IPEndPoint server, CancellationToken ct)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
        await socket.ConnectAsync(server, ct);
        return socket;
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("mail was not relayed within 60 s");
            await Task.Delay(100, ct);
        }
    }

    private bool CanBindStandardPorts()
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Parse(A.MxA), 25));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Parse(A.Dns), 53));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
