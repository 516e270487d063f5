using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Every connection: protocol, endpoints, user, state, bytes, messages, start. '!' marks clear-text exposure.</summary>
public sealed class ConversationsViewModel : ListViewModelBase<ConversationRow>
{
    public override string Title => "Conversations";
    public ConversationSort Sort { get; private set; } = ConversationSort.Id;
    public override string KeysHelp => "o  cycle sort (id, start, bytes, protocol, exposure)   Enter  open transcript";

    public override string Header =>
        $"  {"#",-4} {"proto",-5} {"client",-19} {"server",-19} {"user",-8} {"state",-9} {"bytes",6} {"msg",3} {"start",-8}  [sort: {Sort.ToString().ToLowerInvariant()}]";

    public override bool HandleKey(char key)
    {
        if (key != 'o') return false;
        Sort = (ConversationSort)(((int)Sort + 1) % Enum.GetValues<ConversationSort>().Length);
        Rebuild();
        return true;
    }

    protected override IEnumerable<ConversationRow> ItemsOf(CaptureSnapshot snapshot) => snapshot.Conversations;

    protected override IEnumerable<ConversationRow> Order(IEnumerable<ConversationRow> items) => Sort switch
    {
        ConversationSort.Start => items.OrderBy(c => c.StartSeconds).ThenBy(c => c.Id),
        ConversationSort.Bytes => items.OrderByDescending(c => c.Bytes).ThenBy(c => c.Id),
        ConversationSort.Protocol => items.OrderBy(c => c.Protocol, StringComparer.Ordinal).ThenBy(c => c.Id),
        ConversationSort.Exposure => items.OrderByDescending(c => c.Exposed).ThenByDescending(c => c.Credentials).ThenBy(c => c.Id),
        _ => items.OrderBy(c => c.Id),
    };

    protected override object KeyOf(ConversationRow item) => item.Id;

    protected override string RowOf(ConversationRow c) =>
        $"{(c.Exposed ? '!' : ' ')} {c.Id,-4} {Cell.Fit(c.Protocol, 5)} {Cell.Fit(c.Client, 19)} {Cell.Fit(c.Server, 19)} {Cell.Fit(c.User ?? "-", 8)} {Cell.Fit(c.State, 9)} {Cell.Size(c.Bytes),6} {c.Messages,3} {c.Start:HH:mm:ss}";

    protected override string DetailOf(ConversationRow c) =>
        $"#{c.Id} {Cell.Safe(c.Protocol)} {Cell.Safe(c.Client)} -> {Cell.Safe(c.Server)}  state {c.State}{(c.TlsKind is { } k ? $" ({Cell.Safe(k)})" : "")}\n" +
        $"user {Cell.Safe(c.User ?? "-")}  packets {c.Packets}  bytes {c.Bytes}  messages {c.Messages}  credentials {c.Credentials}  gaps {c.Gaps}{(c.Ended ? "" : "  (open)")}\n" +
        (c.Exposed ? "EXPOSED: mail or secrets crossed this connection in clear text." : "");

    protected override FilterSubject SubjectOf(ConversationRow c) =>
        new(c.Protocol, new[] { Cell.Host(c.Client), Cell.Host(c.Server) }, c.User, Array.Empty<string>(),
            string.Join('\n', c.Transcript.Select(t => t.Text)));
}
