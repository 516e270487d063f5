using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class DnsViewModelTests
{
    [Fact]
    public void Lookups_with_answers_linked_to_the_relay_they_fed()
    {
        var vm = new DnsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        Assert.Equal(15, vm.Rows.Count);
        Assert.Matches(@"b\.test\s+MX\s+NOERROR\s+127\.0\.1\.1\s+MX 10 mx\.b\.test", vm.Rows[0]);
        Assert.Contains(vm.Rows, r => r.Contains("mx.b.test") && r.Contains("A 127.0.1.2"));
        Assert.Contains("answer     b.test MX 10 mx.b.test", vm.Detail);
        Assert.Matches(@"fed relay: conversation #\d+ 127\.0\.1\.1:\d+ -> 127\.0\.1\.2:25", vm.Detail);
    }

    [Fact]
    public void Filter_by_text_and_host()
    {
        var vm = new DnsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse("AAAA"));
        Assert.Equal(5, vm.Rows.Count);
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse("host:127.0.0.2"));
        Assert.Equal(15, vm.Rows.Count);
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse("proto:smtp"));
        Assert.Empty(vm.Rows);
    }
}
