using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class RowKindsTests
{
    [Fact]
    public void Exposed_conversations_and_transcript_turns_get_their_colours()
    {
        var conversations = new ConversationsViewModel();
        conversations.Update(DemoCapture.Snapshot, RowFilter.None);
        for (int i = 0; i < conversations.Rows.Count; i++)
            Assert.Equal(conversations.Items[i].Exposed ? RowKind.Exposed : RowKind.Plain, RowKinds.Of(conversations.Rows[i]));

        var transcript = new TranscriptViewModel { ConversationId = 1 };
        transcript.Update(DemoCapture.Snapshot, RowFilter.None);
        transcript.HandleKey('s');
        var kinds = transcript.Rows.Select(RowKinds.Of).ToList();
        Assert.Equal(RowKind.ServerTurn, kinds[0]);
        Assert.Equal(RowKind.Note, kinds[1]);
        Assert.Equal(RowKind.ClientTurn, kinds[2]);
        Assert.Contains(RowKind.Plain, kinds); // the analyzer's own "--" notes
    }
}
