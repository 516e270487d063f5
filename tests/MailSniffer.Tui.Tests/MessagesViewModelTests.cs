using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Flows;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class MessagesViewModelTests
{
    private static MessagesViewModel Loaded(string filter = "")
    {
        var vm = new MessagesViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse(filter));
        return vm;
    }

    [Fact]
    public void Every_message_with_from_to_subject_size_protocol_and_hop()
    {
        var vm = Loaded();
        Assert.Equal(24, vm.Rows.Count);
        string first = vm.Rows[0];
        foreach (var part in new[] { "alice@a.test", "bob@b.test", "Lunch on Friday?", "359B", "smtp", "127.0.2.1 -> 127.0.1.1" })
            Assert.Contains(part, first);
        Assert.Contains(vm.Rows, r => r.Contains("Grüße aus Zürich"));
        Assert.Contains(vm.Rows, r => r.Contains("pop3"));
        // Inside an 80-column frame (78 usable), everything up to the protocol is visible.
        Assert.All(vm.Rows, r => Assert.InRange(r.IndexOf(" smtp ", StringComparison.Ordinal) is var i and >= 0 ? i : r.IndexOf(" pop3 ", StringComparison.Ordinal) is var j and >= 0 ? j : r.IndexOf(" imap ", StringComparison.Ordinal), 60, 73));
        Assert.Contains(vm.Rows, r => r.Contains("imap"));
    }

    [Fact]
    public void Detail_shows_headers_envelope_and_text()
    {
        var vm = Loaded();
        Assert.Contains("From: Alice Example <alice@a.test>", vm.Detail);
        Assert.Contains("Subject: Lunch on Friday?", vm.Detail);
        Assert.Contains("Envelope: MAIL FROM alice@a.test  RCPT TO bob@b.test", vm.Detail);
        Assert.Contains("Lunch on Friday at noon?", vm.Detail);
    }

    [Fact]
    public void Attachments_are_listed_in_the_detail()
    {
        var vm = Loaded("Quarterly");
        Assert.NotEmpty(vm.Rows);
        Assert.Contains("Attachments:", vm.Detail);
    }

    [Fact]
    public void Filters_by_protocol_address_and_subject_text()
    {
        Assert.Equal(7, Loaded("proto:pop3").Rows.Count);
        Assert.All(Loaded("Confidential").Rows, r => Assert.Contains("Confidential", r));
        Assert.Equal(24, Loaded("addr:bob@b.test").Rows.Count);
        // carol@a.test is a Cc of one message; each of its copies (submission, relay, retrievals) matches.
        var carol = Loaded("addr:carol");
        Assert.Equal(5, carol.Rows.Count);
        Assert.All(carol.Items, m => Assert.Contains("carol@a.test", m.Summary.Cc.Concat(m.Summary.To).Concat(m.RcptTo)));
        Assert.Empty(Loaded("addr:nobody@nowhere").Rows);
    }

    [Fact]
    public void Hostile_header_text_cannot_reach_the_terminal()
    {
        var m = new MessageRecord
        {
            Index = 1, Flow = 1, Ts = CaptureTime.Zero, Protocol = "smtp", Source = "DATA", Direction = Direction.ClientToServer,
            Complete = true, Partial = false, Size = 10, Sha256 = new string('0', 64),
            Summary = new MessageSummary { Subject = "hi\u001b[31mRED\r\nX-Evil: 1", From = "a@b\u009b2J", Preview = "body\u001b[H" },
        };
        var vm = new MessagesViewModel();
        vm.Update(CaptureSnapshot.Empty with { Messages = new[] { m } }, RowFilter.None);
        foreach (var text in vm.Rows.Append(vm.Detail))
            Assert.DoesNotContain(text, c => c is '\u001b' or '\u009b' or '\r');
        Assert.Contains("hi\\e[31mRED\\r\\nX-Evil: 1", vm.Detail);
    }
}
