using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Exposure;

/// <summary>
/// What an eavesdropper on the captured network learned: passwords and crackable hashes, addresses, subjects, bodies and
/// attachments that crossed in clear text, which sessions were encrypted, and the same per journey. Build it with
/// <see cref="From"/> after <see cref="JourneyBuilder.Build"/>.
/// </summary>
public sealed class ExposureReport
{
    private const int MaxAddresses = 10_000;
    private const int MaxFlowsPerAddress = 64;

    public required IReadOnlyList<Credential> Credentials { get; init; }
    public required IReadOnlyList<ExposedAddress> Addresses { get; init; }
    public required IReadOnlyList<ExposedMessage> Messages { get; init; }
    public required IReadOnlyList<ExposedFlow> Flows { get; init; }
    /// <summary>DNS questions seen ("MX b.test"): they tell who mails whom even when the mail itself is encrypted.</summary>
    public required IReadOnlyList<string> DnsQuestions { get; init; }
    public required IReadOnlyList<Journey> Journeys { get; init; }
    /// <summary>Items the timeline did not keep (bounds reached); the report may then be incomplete.</summary>
    public long NotRetained { get; init; }

    public int ClearFlows => Flows.Count(f => !f.Encrypted);
    public int EncryptedFlows => Flows.Count(f => f.Encrypted);

    public static ExposureReport From(JourneyBuilder builder, IReadOnlyList<Journey> journeys)
    {
        var journeyOf = new Dictionary<MessageSighting, int>();
        foreach (var j in journeys)
            foreach (var s in j.Steps)
                if (s.Sighting != null) journeyOf.TryAdd(s.Sighting, j.Number);

        var addresses = new Dictionary<string, SortedSet<long>>(StringComparer.OrdinalIgnoreCase);
        void Add(string? address, long flow)
        {
            if (string.IsNullOrEmpty(address)) return;
            if (!addresses.TryGetValue(address, out var set))
            {
                if (addresses.Count >= MaxAddresses) return;
                addresses[address] = set = new SortedSet<long>();
            }
            if (set.Count < MaxFlowsPerAddress) set.Add(flow);
        }

        var messages = new List<ExposedMessage>();
        foreach (var s in builder.Sightings)
        {
            var r = s.Record;
            var summary = r.Summary;
            Add(r.MailFrom, r.Flow);
            foreach (var a in r.RcptTo) Add(a, r.Flow);
            Add(summary.From, r.Flow);
            foreach (var a in summary.To.Concat(summary.Cc)) Add(a, r.Flow);
            messages.Add(new ExposedMessage(r.Flow, r.Ts, r.Protocol, r.Source, r.Client, r.Server, summary.MessageId, summary.Subject,
                !r.Partial || summary.Preview != null, r.Partial || !r.Complete, r.Size,
                summary.Attachments.Select(a => new ExposedAttachment(a.FileName, a.ContentType, a.Size, a.Sha256)).ToList(),
                journeyOf.TryGetValue(s, out int n) ? n : null));
        }
        foreach (var f in builder.Flows.Values)
            foreach (var a in f.Addresses) Add(a, f.Id);

        var flows = builder.Flows.Values.Where(f => f.IsMailProtocol || f.Sightings > 0 || f.Credentials.Count > 0).OrderBy(f => f.Id)
            .Select(f => new ExposedFlow(f.Id, f.Protocol, f.ClientText, f.ServerText, f.Flow?.Start ?? default, f.Encrypted, f.TlsKind,
                f.Sightings, f.Credentials.Count, f.Addresses.Count))
            .ToList();

        var questions = builder.DnsLookups.Where(l => l.QType is "MX" or "A" or "AAAA")
            .Select(l => $"{l.QType} {l.Name.TrimEnd('.')}").Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxAddresses).ToList();

        return new ExposureReport
        {
            Credentials = builder.Credentials,
            Addresses = addresses.OrderBy(a => a.Key, StringComparer.OrdinalIgnoreCase).Select(a => new ExposedAddress(a.Key, a.Value.ToList())).ToList(),
            Messages = messages,
            Flows = flows,
            DnsQuestions = questions,
            Journeys = journeys,
            NotRetained = builder.NotRetained,
        };
    }
}
