using MailSniffer.Analysis.Model;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>DNS look-ups with their answers, and the relay conversation each one fed (the next SMTP connection from the querier).</summary>
public sealed class DnsViewModel : ListViewModelBase<DnsLookup>
{
    public override string Title => "DNS";
    public override string Header => $"  {"name",-28} {"type",-5} {"rcode",-8} {"querier",-16} answers";

    protected override IEnumerable<DnsLookup> ItemsOf(CaptureSnapshot snapshot) => snapshot.DnsLookups.OrderBy(d => d.Ts);
    protected override object KeyOf(DnsLookup item) => (item.Flow, item.Id, item.Ts);

    protected override string RowOf(DnsLookup d) =>
        $"  {Cell.Fit(d.Name, 28)} {Cell.Fit(d.QType ?? "?", 5)} {Cell.Fit(d.Rcode ?? "(none)", 8)} {Cell.Fit(Cell.Host(d.Querier ?? "?"), 16)} {Cell.Safe(string.Join(", ", d.Answers.Where(a => a.Section == "answer").Select(a => $"{a.RType} {a.Data}")))}";

    protected override string DetailOf(DnsLookup d)
    {
        var lines = new List<string>
        {
            $"{Cell.Safe(d.Name)} {Cell.Safe(d.QType ?? "?")} from {Cell.Safe(d.Querier ?? "?")} to {Cell.Safe(d.Server ?? "?")}  rcode {Cell.Safe(d.Rcode ?? "(no answer)")}{(d.ResponseTime is { } t ? $"  {t * 1000:0.#} ms" : "")}{(d.Retries > 0 ? $"  retries {d.Retries}" : "")}",
        };
        foreach (var a in d.Answers) lines.Add($"  {Cell.Safe(a.Section),-10} {Cell.Safe(a.Name)} {Cell.Safe(a.RType)} {Cell.Safe(a.Data)} ttl {a.Ttl}");
        if (FedRelay(d) is { } relay)
            lines.Add($"fed relay: conversation #{relay.Id} {Cell.Safe(relay.Client)} -> {Cell.Safe(relay.Server)} ({relay.State})");
        return string.Join('\n', lines);
    }

    protected override FilterSubject SubjectOf(DnsLookup d) =>
        new("dns", new[] { Cell.Host(d.Querier ?? ""), Cell.Host(d.Server ?? "") }, null, Array.Empty<string>(),
            $"{d.Name} {d.QType} {d.Rcode}\n" + string.Join('\n', d.Answers.Select(a => a.Data)));

    /// <summary>The first SMTP connection the querier opened after the answer: the relay this look-up prepared.</summary>
    private ConversationRow? FedRelay(DnsLookup d)
    {
        if (d.Querier is null) return null;
        string querier = Cell.Host(d.Querier);
        double after = (d.AnswerTs ?? d.Ts).UnixNanoseconds / 1e9;
        return Snapshot.Conversations
            .Where(c => c.Protocol == "smtp" && Cell.Host(c.Client) == querier && c.StartSeconds >= after)
            .OrderBy(c => c.StartSeconds).FirstOrDefault();
    }
}
