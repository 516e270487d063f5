using MailSniffer.Core.Capture;

namespace MailSniffer.Analysis.Model;

/// <summary>A DNS query joined with its response (by flow and id).</summary>
public sealed class DnsLookup
{
    private readonly List<DnsAnswer> _answers = new();

    internal DnsLookup(long flow, int id, string name, string? qType, CaptureTime? queryTs, string? querier, string? server)
    {
        Flow = flow;
        Id = id;
        Name = name;
        QType = qType;
        QueryTs = queryTs;
        Querier = querier;
        Server = server;
    }

    public long Flow { get; }
    public int Id { get; }
    public string Name { get; }
    /// <summary>Null when only the response was captured.</summary>
    public string? QType { get; }
    /// <summary>Null when only the response was captured.</summary>
    public CaptureTime? QueryTs { get; }
    public CaptureTime? AnswerTs { get; private set; }
    public string? Querier { get; }
    public string? Server { get; }
    /// <summary>NOERROR, NXDOMAIN...; null when no response was captured.</summary>
    public string? Rcode { get; private set; }
    public IReadOnlyList<DnsAnswer> Answers => _answers;
    /// <summary>Records beyond the per-lookup limit.</summary>
    public int AnswersOmitted { get; private set; }
    /// <summary>The same query sent again before an answer came.</summary>
    public int Retries { get; internal set; }

    public CaptureTime Ts => QueryTs ?? AnswerTs ?? CaptureTime.Zero;

    /// <summary>Seconds between query and first answer, when both were seen.</summary>
    public double? ResponseTime => QueryTs is { } q && AnswerTs is { } a ? a.SecondsSince(q) : null;

    internal const int MaxAnswers = 64;

    internal void AddResponse(CaptureTime ts, string rcode, DnsAnswer? answer)
    {
        AnswerTs ??= ts;
        Rcode ??= rcode;
        if (answer == null) return;
        if (_answers.Count < MaxAnswers) _answers.Add(answer);
        else AnswersOmitted++;
    }

    public bool Answered => AnswerTs != null;
}
