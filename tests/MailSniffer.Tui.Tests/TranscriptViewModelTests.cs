using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class TranscriptViewModelTests
{
    private static TranscriptViewModel For(string protocol, CaptureSnapshot? snapshot = null)
    {
        snapshot ??= DemoCapture.Snapshot;
        var vm = new TranscriptViewModel { ConversationId = snapshot.Conversations.First(c => c.Protocol == protocol && c.Transcript.Count > 3).Id };
        vm.Update(snapshot, RowFilter.None);
        return vm;
    }

    [Fact]
    public void Client_and_server_turns_are_marked()
    {
        var vm = For("smtp");
        Assert.StartsWith("S< 220 ", vm.Rows[0]);
        Assert.Contains(vm.Rows, r => r.StartsWith("C> EHLO ", StringComparison.Ordinal));
        Assert.Contains(vm.Rows, r => r.StartsWith("C> MAIL FROM:<alice@a.test>", StringComparison.Ordinal));
        Assert.Contains(vm.Rows, r => r.StartsWith("-- [credential PLAIN user alice]", StringComparison.Ordinal));
        Assert.Contains("smtp", vm.Header);
        Assert.DoesNotContain(vm.Rows, r => r.StartsWith("     ^", StringComparison.Ordinal));
    }

    [Fact]
    public void Student_mode_explains_smtp_steps_in_plain_words()
    {
        var vm = For("smtp");
        Assert.True(vm.HandleKey('s'));
        Assert.Contains("[student mode]", vm.Header);
        int ehlo = IndexOf(vm, "C> EHLO ");
        Assert.Contains("greets the server", vm.Rows[ehlo + 1]);
        Assert.Contains("Envelope sender", vm.Rows[IndexOf(vm, "C> MAIL FROM") + 1]);
        Assert.Contains("Envelope recipient", vm.Rows[IndexOf(vm, "C> RCPT TO") + 1]);
        Assert.Contains("ready for the message", vm.Rows[IndexOf(vm, "S< 354") + 1]);
        vm.Select(ehlo);
        Assert.Contains("greets the server", vm.Detail);
        vm.HandleKey('s');
        Assert.DoesNotContain(vm.Rows, r => r.StartsWith("     ^", StringComparison.Ordinal));
    }

    [Fact]
    public void Student_mode_explains_pop3_retr_imap_fetch_and_dns_mx()
    {
        var pop = For("pop3"); pop.HandleKey('s');
        Assert.Contains("retrieval", pop.Rows[IndexOf(pop, "C> RETR") + 1]);
        // The reader's IMAP session (bob on mx.b) downloads messages; mx.a's IMAP session only uploads to Sent.
        var snapshot = DemoCapture.Snapshot;
        var imap = new TranscriptViewModel { ConversationId = snapshot.Conversations.First(c => c.Protocol == "imap" && c.User == "bob").Id };
        imap.Update(snapshot, RowFilter.None);
        imap.HandleKey('s');
        int fetch = imap.Rows.ToList().FindIndex(r => r.StartsWith("C> ", StringComparison.Ordinal) && r.Contains("[]", StringComparison.Ordinal));
        Assert.True(fetch >= 0, string.Join(" | ", imap.Rows.Where(r => r.StartsWith("C> ", StringComparison.Ordinal))));
        Assert.Contains("whole message", imap.Rows[fetch + 1]);
        Assert.Contains("clear text", imap.Rows[IndexOf(imap, "C> ") + 1] + string.Join(" ", imap.Rows));
        var dns = new TranscriptViewModel { ConversationId = DemoCapture.Snapshot.Conversations.First(c => c.Protocol == "dns").Id };
        dns.Update(DemoCapture.Snapshot, RowFilter.None);
        dns.HandleKey('s');
        Assert.Contains("which servers receive mail", dns.Rows[IndexOf(dns, "C> query")  + 1]);
        Assert.Contains("MX answer", dns.Rows[IndexOf(dns, "S< answer") + 1]);
    }

    [Theory]
    [InlineData("a5 UID FETCH 3 (UID BODY.PEEK[])", true)]
    [InlineData("a5 FETCH 1 BODY[]", true)]
    [InlineData("a5 FETCH 1 RFC822", true)]
    [InlineData("a5 FETCH 1:* (FLAGS RFC822.SIZE)", false)]
    [InlineData("a5 FETCH 1 BODY[HEADER]", false)]
    public void Imap_fetch_of_the_whole_body_is_explained_as_retrieval(string line, bool whole) =>
        Assert.Equal(whole, StudentNotes.Explain("imap", true, line)!.Contains("whole message"));

    [Theory]
    [InlineData("smtp", false, "550 5.1.1 no such user", "Permanent failure")]
    [InlineData("smtp", false, "452 too many", "Temporary failure")]
    [InlineData("smtp", true, "STARTTLS", "encryption")]
    [InlineData("pop3", true, "PASS secret", "clear text")]
    [InlineData("pop3", false, "-ERR nope", "Failure")]
    [InlineData("imap", false, "a1 NO bad password", "failed")]
    [InlineData("imap", true, "a1 FETCH 1 BODY[]", "whole message")]
    public void Notes_for_common_verbs_and_codes(string protocol, bool fromClient, string line, string expected) =>
        Assert.Contains(expected, StudentNotes.Explain(protocol, fromClient, line));

    [Theory]
    [InlineData("smtp", true, "")]
    [InlineData("smtp", true, "XYZZY")]
    [InlineData("imap", true, "a1")]
    [InlineData("tls", true, "anything")]
    public void No_note_for_unknown_or_empty_lines(string protocol, bool fromClient, string line) =>
        Assert.Null(StudentNotes.Explain(protocol, fromClient, line));

    [Fact]
    public void Escape_sequences_from_the_wire_are_shown_visibly_and_long_lines_fold()
    {
        string hostile = "EHLO \u001b]0;owned\u0007\u001b[2J" + new string('A', 500);
        var row = new ConversationRow(1, "smtp", "10.0.0.1:1000", "10.0.0.2:25", null, false, null, true, true, 0, 4, 600, 0, 0, 0,
            DateTime.UnixEpoch, true, new[] { new TranscriptLine(CaptureTime.Zero, Direction.ClientToServer, hostile) }, 0);
        var snapshot = CaptureSnapshot.Empty with { Conversations = new[] { row } };
        var vm = new TranscriptViewModel { ConversationId = 1 };
        vm.Update(snapshot, RowFilter.None);
        string shown = vm.Rows.Single();
        Assert.DoesNotContain('\u001b', shown);
        Assert.DoesNotContain('\u0007', shown);
        Assert.Contains("\\e]0;owned\\x07\\e[2J", shown);
        Assert.Contains("f unfolds", shown);
        Assert.True(shown.Length < 220);
        vm.HandleKey('f');
        Assert.False(vm.Folded);
        Assert.Contains(new string('A', 500), vm.Rows.Single());
    }

    [Fact]
    public void No_conversation_selected_says_how_to_choose_one()
    {
        var vm = new TranscriptViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        Assert.Empty(vm.Rows);
        Assert.Contains("Enter", vm.Header);
    }

    private static int IndexOf(TranscriptViewModel vm, string prefix)
    {
        int i = vm.Rows.ToList().FindIndex(r => r.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no row starting with {prefix}: {string.Join(" | ", vm.Rows.Take(20))}");
        return i;
    }
}
