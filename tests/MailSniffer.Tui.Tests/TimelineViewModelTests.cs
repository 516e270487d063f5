using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class TimelineViewModelTests
{
    private static TimelineViewModel Loaded(string filter = "")
    {
        var vm = new TimelineViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse(filter));
        return vm;
    }

    [Fact]
    public void Journey_is_drawn_across_host_lanes_with_arrows_and_times()
    {
        var vm = Loaded();
        Assert.Equal("Journey 1/5: \"Lunch on Friday?\"", vm.Header);
        string lanes = vm.Rows[0];
        foreach (var host in new[] { "mx.a.test", "mx.b.test" }) Assert.Contains(host, lanes);
        Assert.Contains(vm.Rows, r => r.Contains("|-submit---->|"));
        Assert.Contains(vm.Rows, r => r.Contains("|-MX b.test->|"));
        Assert.Contains(vm.Rows, r => r.Contains("|-relay------------------>|"));
        Assert.Contains(vm.Rows, r => r.Contains("|<pop3 get---|"));
        Assert.All(vm.Rows, r => Assert.True(r.Length <= 78, r));
        Assert.All(vm.Rows.Skip(2), r => Assert.Matches(@"^~?\d\d:\d\d:\d\d", r));
        Assert.Contains("submission to retrieval", vm.Detail);
    }

    [Fact]
    public void Arrow_heads_sit_on_the_lane_of_the_receiving_host()
    {
        var vm = Loaded();
        string lanes = vm.Rows[0];
        string relay = vm.Rows.First(r => r.Contains("-relay-"));
        int mxb = lanes.IndexOf("mx.b.test", StringComparison.Ordinal) + "mx.b.test".Length / 2;
        int head = relay.IndexOf(">|", StringComparison.Ordinal) + 1;
        Assert.InRange(head - mxb, -1, 1);
    }

    [Fact]
    public void Brackets_move_between_journeys_and_stop_at_the_ends()
    {
        var vm = Loaded();
        Assert.True(vm.HandleKey(']'));
        Assert.StartsWith("Journey 2/5", vm.Header);
        vm.HandleKey('['); vm.HandleKey('[');
        Assert.StartsWith("Journey 1/5", vm.Header);
        for (int i = 0; i < 10; i++) vm.HandleKey(']');
        Assert.StartsWith("Journey 5/5", vm.Header);
        Assert.False(vm.HandleKey('x'));
    }

    [Fact]
    public void Filter_selects_journeys_by_subject_and_encrypted_hops_are_drawn_with_equals()
    {
        var vm = Loaded("Confidential");
        Assert.StartsWith("Journey 1/1: \"Confidential", vm.Header);
        foreach (var r in vm.Rows.Where(r => r.Contains("(encrypted)"))) Assert.Contains("=", r);
    }

    [Fact]
    public void Before_the_first_journey_it_says_they_are_redrawn_while_reading()
    {
        var vm = new TimelineViewModel();
        vm.Update(CaptureSnapshot.Empty, RowFilter.None);
        Assert.Empty(vm.Rows);
        Assert.Contains("redrawn every few seconds while reading", vm.Header);
    }
}
