using System.Net;
using System.Text;
using MailSniffer.Server.Config;
using MailSniffer.Server.Dns;
using MailSniffer.Server.Hosting;
using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Queue;

/// <summary>
/// Relays accepted mail for other domains: MX then A/AAAA through the configured DNS server, SMTP to
/// the exchange, retries with back-off, and a bounce to the (local) sender after the last attempt.
/// </summary>
public sealed class OutboundQueue : IAsyncDisposable
{
    private readonly IQueueStore _store;
    private readonly QueueConfig _config;
    private readonly MxResolver _resolver;
    private readonly SmtpRelayClient _client;
    private readonly int _relayPort;
    private readonly string _hostName;
    private readonly string _domain;
    private readonly Func<string, byte[], Task<bool>> _deliverLocal;
    private readonly MailSystemEvents _events;
    private readonly List<QueuedMessage> _pending = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _cts = new();
    private Task? _loop;

    public OutboundQueue(IQueueStore store, QueueConfig config, MxResolver resolver, DomainConfig domain,
        Func<string, byte[], Task<bool>> deliverLocal, MailSystemEvents events)
    {
        _store = store;
        _config = config;
        _resolver = resolver;
        _relayPort = domain.RelayPort;
        _hostName = domain.MxHost;
        _domain = domain.Name;
        _client = new SmtpRelayClient(domain.MxHost, IPAddress.Parse(domain.Address), TimeSpan.FromSeconds(config.ConnectTimeoutSeconds));
        _deliverLocal = deliverLocal;
        _events = events;
    }

    public int Count
    {
        get
        {
            lock (_pending) return _pending.Count;
        }
    }

    public void Start()
    {
        lock (_pending) _pending.AddRange(_store.LoadAll());
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Durable before it returns, so the caller may then acknowledge the message.</summary>
    public async Task EnqueueAsync(string sender, IReadOnlyList<string> recipients, byte[] content, string? messageId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var message = new QueuedMessage
        {
            Id = $"{now:yyyyMMddHHmmssffffff}-{Guid.NewGuid():N}",
            Sender = sender,
            Recipients = recipients.ToList(),
            CreatedUtc = now,
            NextAttemptUtc = now,
            Content = content,
            MessageId = messageId,
        };
        await _store.AddAsync(message, ct);
        lock (_pending) _pending.Add(message);
        _wake.Release();
    }

    private async Task RunAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            QueuedMessage[] due;
            var now = DateTimeOffset.UtcNow;
            lock (_pending) due = _pending.Where(m => m.NextAttemptUtc <= now).ToArray();
            foreach (var message in due)
            {
                if (_cts.IsCancellationRequested) break;
                try
                {
                    await AttemptAsync(message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _events.OnLog($"queue {_hostName}: {message.Id}: {e.Message}");
                }
            }
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(_config.PollIntervalSeconds), _cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task AttemptAsync(QueuedMessage message)
    {
        message.Attempts++;
        var failures = new List<string>();
        var bounced = new List<(string Rcpt, string Why)>();
        foreach (var group in message.Recipients.GroupBy(r => r[(r.LastIndexOf('@') + 1)..].ToLowerInvariant()).ToList())
        {
            var started = DateTimeOffset.UtcNow;
            var (targets, lookups) = await ResolveAsync(group.Key);
            if (targets.Count == 0)
            {
                failures.Add($"{group.Key}: no MX or address");
                _events.OnRelayed(new RelayLog(_hostName, "", group.Key, "", message.MessageId, message.Sender, group.ToList(), lookups, started, DateTimeOffset.UtcNow, false, "no address"));
                continue;
            }
            string? error = null;
            foreach (var (host, address) in targets)
            {
                var remote = new IPEndPoint(address, _relayPort);
                _events.OnLog($"queue {_hostName}: relaying {message.MessageId} to {host} [{remote}]");
                try
                {
                    var (refused, local) = await _client.SendAsync(remote, message.Sender, group.ToList(), message.Content, _cts.Token);
                    bounced.AddRange(refused.Select(r => (r, $"refused by {host}")));
                    message.Recipients.RemoveAll(r => group.Contains(r));
                    _store.Update(message);
                    _events.OnRelayed(new RelayLog(_hostName, local.ToString(), host, remote.ToString(), message.MessageId, message.Sender, group.ToList(), lookups, started, DateTimeOffset.UtcNow, true, "250"));
                    error = null;
                    break;
                }
                catch (RelayException e) when (e.Permanent)
                {
                    bounced.AddRange(group.Select(r => (r, e.Message)));
                    message.Recipients.RemoveAll(r => group.Contains(r));
                    _store.Update(message);
                    _events.OnRelayed(new RelayLog(_hostName, "", host, remote.ToString(), message.MessageId, message.Sender, group.ToList(), lookups, started, DateTimeOffset.UtcNow, false, e.Message));
                    error = null;
                    break;
                }
                catch (RelayException e)
                {
                    error = e.Message;
                    _events.OnRelayed(new RelayLog(_hostName, "", host, remote.ToString(), message.MessageId, message.Sender, group.ToList(), lookups, started, DateTimeOffset.UtcNow, false, e.Message));
                }
            }
            if (error is not null) failures.Add(error);
        }

        if (message.Recipients.Count > 0 && message.Attempts >= _config.MaxAttempts)
        {
            bounced.AddRange(message.Recipients.Select(r => (r, failures.LastOrDefault() ?? "gave up")));
            message.Recipients.Clear();
        }
        if (bounced.Count > 0) await BounceAsync(message, bounced);
        if (message.Recipients.Count == 0)
        {
            _store.Remove(message);
            lock (_pending) _pending.Remove(message);
            return;
        }
        var delays = _config.RetryDelaysSeconds.Count == 0 ? [60] : _config.RetryDelaysSeconds;
        var delay = delays[Math.Min(message.Attempts - 1, delays.Count - 1)];
        message.NextAttemptUtc = DateTimeOffset.UtcNow.AddSeconds(delay);
        message.LastError = string.Join("; ", failures);
        _store.Update(message);
        _events.OnLog($"queue {_hostName}: {message.Id} deferred {delay}s: {message.LastError}");
    }

    private async Task<(List<(string Host, IPAddress Address)>, List<DnsLookup>)> ResolveAsync(string domain)
    {
        try
        {
            return await _resolver.ResolveAsync(domain, _cts.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _events.OnLog($"queue {_hostName}: DNS {domain}: {e.Message}");
            return ([], []);
        }
    }

    private async Task BounceAsync(QueuedMessage message, List<(string Rcpt, string Why)> failed)
    {
        // Bounces go only to local senders: a null-sender bounce to a foreign domain could loop or backscatter.
        if (message.Sender.Length == 0 || !message.Sender.EndsWith("@" + _domain, StringComparison.OrdinalIgnoreCase))
        {
            _events.OnLog($"queue {_hostName}: dropping bounce for non-local sender <{message.Sender}>");
            return;
        }
        var text = new StringBuilder();
        text.Append($"From: Mail Delivery System <MAILER-DAEMON@{_domain}>\r\n");
        text.Append($"To: <{message.Sender}>\r\n");
        text.Append("Subject: Undelivered Mail Returned to Sender\r\n");
        text.Append($"Date: {DateTimeOffset.UtcNow:ddd, dd MMM yyyy HH:mm:ss} +0000\r\n");
        text.Append($"Message-ID: <{Guid.NewGuid():N}@{_hostName}>\r\n");
        text.Append("Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        text.Append($"Your message {message.MessageId} could not be delivered to:\r\n");
        foreach (var (rcpt, why) in failed) text.Append($"  <{rcpt}>: {why}\r\n");
        await _deliverLocal(message.Sender, Encoding.UTF8.GetBytes(text.ToString()));
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _cts.Dispose();
    }
}
