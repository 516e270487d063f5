using System.CommandLine;
using MailSniffer.Server.Auth;
using MailSniffer.Server.Bench;
using MailSniffer.Server.Config;
using MailSniffer.Server.Hosting;

namespace MailSniffer.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON config (see docs/server.md and docs/examples/serve.json)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Override the config's dataDirectory (Maildirs, queue, TLS certificates)." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep mail in memory only; nothing survives a restart." };
        var hash = new Option<string?>("--hash-password") { Description = "Print the PBKDF2 hash of a password for the config's passwordHash, then exit." };
        var bench = new Option<bool>("--bench") { Description = "Run the load benchmark (100 clients x 20 messages by default) and exit." };
        var benchClients = new Option<int>("--bench-clients") { Description = "Concurrent clients for --bench.", DefaultValueFactory = _ => 100 };
        var benchMessages = new Option<int>("--bench-messages") { Description = "Messages per client for --bench.", DefaultValueFactory = _ => 20 };
        var cmd = new Command("serve", "Run the reference mail system: SMTP, submission, POP3, IMAP and DNS for the configured domains.")
        {
            config, data, inMemory, hash, bench, benchClients, benchMessages,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(hash) is { } password)
            {
                Console.WriteLine(PasswordHasher.Hash(password));
                return 0;
            }
            if (parse.GetValue(bench))
            {
                var dir = parse.GetValue(inMemory) ? null : Path.Combine(parse.GetValue(data)?.FullName ?? Path.GetTempPath(), "mailsniffer-bench-" + Guid.NewGuid().ToString("N"));
                var r = await LoadBenchmark.RunAsync(parse.GetValue(benchClients), parse.GetValue(benchMessages), dir, Console.Error.WriteLine, ct);
                Console.WriteLine($"storage: {r.Storage}");
                Console.WriteLine($"clients: {r.Clients} x {r.MessagesPerClient} messages");
                Console.WriteLine($"accepted: {r.Accepted}, failed: {r.Failed}, stored: {r.Stored}, distinct accepted stored: {r.DistinctStored}");
                Console.WriteLine($"elapsed: {r.Elapsed.TotalSeconds:F2} s, {r.MessagesPerSecond:F0} messages/s");
                Console.WriteLine(r.ExactlyOnce ? "every accepted message stored exactly once" : "MISMATCH: accepted and stored differ");
                if (dir is not null) Directory.Delete(dir, recursive: true);
                return r.ExactlyOnce && r.Failed == 0 ? 0 : 1;
            }
            var file = parse.GetValue(config);
            if (file is null)
            {
                Console.Error.WriteLine("serve: --config FILE is required (example: docs/examples/serve.json)");
                return 2;
            }
            MailSystemConfig cfg;
            try
            {
                cfg = ConfigLoader.Load(file.FullName);
                if (parse.GetValue(data) is { } d) cfg.DataDirectory = d.FullName;
                if (parse.GetValue(inMemory)) cfg.InMemory = true;
                ConfigLoader.Validate(cfg);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"serve: {e.Message}");
                return 2;
            }
            MailSystem system;
            try
            {
                system = await MailSystem.StartAsync(cfg, events => events.Log += line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                Console.Error.WriteLine($"serve: cannot listen: {e.Message} (ports below 1024 need root or CAP_NET_BIND_SERVICE)");
                return 3;
            }
            await using (system)
            {
                system.Events.Accepted += a => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} SMTP {a.Host} accepted {a.MessageId} from {a.ClientEndPoint} for {string.Join(", ", a.Recipients)}");
                system.Events.Relayed += r => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} relay {r.FromHost} -> {r.ToHost} [{r.ToEndPoint}] {r.MessageId}: {(r.Succeeded ? "ok" : r.Result)}");
                Console.WriteLine("ready");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return 0;
        });
        return cmd;
    }
}
