using MailSniffer.Analysis.Timeline;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// One message's journey as a sequence diagram: a column per host (lanes in order of first appearance), one arrow per
/// step with its time. Clear-text hops are drawn "---->", encrypted ones "====>". '[' and ']' move between journeys.
/// Journeys are rebuilt every few seconds while reading (see <see cref="Data.LiveJourneys"/>) and once more at the end.
/// </summary>
public sealed class TimelineViewModel : IListViewModel
{
    public const int LaneWidth = 13;
    private IReadOnlyList<Journey> _journeys = Array.Empty<Journey>();
    private List<string> _rows = new();
    private bool _finished;

    public int JourneyIndex { get; private set; }
    public string Title => "Timeline";
    public string KeysHelp => "[ ]  previous/next journey   (---> clear text, ===> encrypted)";
    public IReadOnlyList<string> Rows => _rows;
    public int Selected { get; private set; }
    public string Detail { get; private set; } = "";

    public string Header => _journeys.Count == 0
        ? (_finished ? "No message journeys in this capture." : "No message journeys yet (redrawn every few seconds while reading).")
        : $"Journey {JourneyIndex + 1}/{_journeys.Count}: \"{Cell.Safe(_journeys[JourneyIndex].Subject ?? "(no subject)")}\"";

    public void Update(CaptureSnapshot snapshot, RowFilter filter)
    {
        _finished = snapshot.Progress.Finished;
        _journeys = filter.IsEmpty ? snapshot.Journeys : snapshot.Journeys.Where(j => filter.Matches(SubjectOf(j))).ToList();
        JourneyIndex = Math.Clamp(JourneyIndex, 0, Math.Max(0, _journeys.Count - 1));
        Rebuild();
    }

    public void Select(int index) => Selected = Math.Clamp(index, 0, Math.Max(0, _rows.Count - 1));

    public bool HandleKey(char key)
    {
        if (key is not ('[' or ']')) return false;
        JourneyIndex = Math.Clamp(JourneyIndex + (key == ']' ? 1 : -1), 0, Math.Max(0, _journeys.Count - 1));
        Selected = 0;
        Rebuild();
        return true;
    }

    private void Rebuild()
    {
        _rows = _journeys.Count == 0 ? new List<string>() : Draw(_journeys[JourneyIndex]);
        var j = _journeys.Count == 0 ? null : _journeys[JourneyIndex];
        Detail = j is null ? "" : $"from {Cell.Safe(j.From ?? "?")} to {Cell.Safe(string.Join(", ", j.To))}  Message-ID {Cell.Safe(j.MessageId ?? "(none)")}" +
            (j.SubmissionToRetrieval is { } t ? $"\nsubmission to retrieval: {t:0.###} s" : "");
        Select(Selected);
    }

    /// <summary>The diagram as lines of text; public so the drawing itself can be tested.</summary>
    public static List<string> Draw(Journey j)
    {
        var lanes = new List<string>();
        int Lane(string name)
        {
            int i = lanes.IndexOf(name);
            if (i < 0) { lanes.Add(name); i = lanes.Count - 1; }
            return i;
        }
        var arrows = new List<(string Time, int From, int To, string Label, bool Encrypted)>();
        foreach (var s in j.Steps)
        {
            int from = Lane(Name(s.ClientName, s.Client));
            int to = Lane(Name(s.ServerName, s.Server));
            string label = Label(s);
            string time = s.TsFromWire ? s.Ts.ToDateTime().ToString("HH:mm:ss.fff") : "~" + s.Ts.ToDateTime().ToString("HH:mm:ss") + "    ";
            arrows.Add((time, from, to, label, s.Encrypted));
        }
        const string timePad = "             ";
        var rows = new List<string> { timePad + string.Concat(lanes.Select(l => Center(Cell.Safe(l), LaneWidth))) };
        rows.Add(timePad + string.Concat(lanes.Select(_ => Center("|", LaneWidth))));
        foreach (var a in arrows)
        {
            var line = Lanes(lanes.Count);
            int left = Math.Min(a.From, a.To) * LaneWidth + LaneWidth / 2, right = Math.Max(a.From, a.To) * LaneWidth + LaneWidth / 2;
            char body = a.Encrypted ? '=' : '-';
            if (left == right)
            {
                // A host talking to itself (loopback demo): a short loop beside its lane.
                line[left] = '<';
                for (int k = left + 1; k < Math.Min(line.Length, left + 4); k++) line[k] = body;
            }
            else
            {
                for (int k = left + 1; k < right; k++) line[k] = body;
                if (a.To > a.From) line[right - 1] = '>'; else line[left + 1] = '<';
            }
            string label = Cell.Safe(a.Label);
            int start = left + 2;
            for (int k = 0; k < label.Length && start + k < right - 2; k++) line[start + k] = label[k];
            rows.Add(a.Time.PadRight(timePad.Length) + new string(line).TrimEnd() + (a.Encrypted ? "  (encrypted)" : ""));
        }
        return rows;
    }

    /// <summary>Short enough to fit between two neighbouring lanes; the detail pane and `timeline` command tell the rest.</summary>
    private static string Label(JourneyStep s) => s.Kind switch
    {
        JourneyStepKind.Dns => s.Query ?? "dns",
        JourneyStepKind.Submission => "submit",
        JourneyStepKind.Relay => "relay",
        JourneyStepKind.Retrieval => s.Protocol + " get",
        JourneyStepKind.Upload => s.Protocol + " put",
        _ => s.Kind.ToString().ToLowerInvariant(),
    };

    private static char[] Lanes(int count)
    {
        var line = new string(' ', count * LaneWidth).ToCharArray();
        for (int i = 0; i < count; i++) line[i * LaneWidth + LaneWidth / 2] = '|';
        return line;
    }

    private static string Name(string? name, string? endpoint) => name ?? (endpoint is null ? "?" : Cell.Host(endpoint));

    private static string Center(string s, int width)
    {
        if (s.Length >= width - 1) s = s[..(width - 2)] + "…";
        int pad = (width - s.Length) / 2;
        return (new string(' ', pad) + s).PadRight(width);
    }

    private static FilterSubject SubjectOf(Journey j) =>
        new(null, j.Steps.SelectMany(s => new[] { Cell.Host(s.Client ?? ""), Cell.Host(s.Server ?? "") }).ToList(),
            j.Steps.Select(s => s.User).FirstOrDefault(u => u != null), (j.From is null ? j.To : j.To.Append(j.From)).ToList(),
            j.Subject ?? "");
}
