using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;
using Xunit.Abstractions;

namespace MailSniffer.Tui.Tests;

public class DumpTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var s = DemoCapture.Snapshot;
        IListViewModel[] vms = { new ConversationsViewModel(), new MessagesViewModel(), new CredentialsViewModel(), new DnsViewModel(), new TimelineViewModel() };
        foreach (var vm in vms)
        {
            vm.Update(s, RowFilter.None);
            output.WriteLine("== " + vm.Title + " | " + vm.Header);
            foreach (var r in vm.Rows) output.WriteLine(r);
            output.WriteLine(vm.Detail);
        }
        var t = new TranscriptViewModel { ConversationId = s.Conversations.First(c => c.Protocol == "smtp").Id };
        t.HandleKey('s');
        t.Update(s, RowFilter.None);
        foreach (var r in t.Rows) output.WriteLine(r);
        output.WriteLine(StatusLine.For(s.Progress, ""));
    }
}
