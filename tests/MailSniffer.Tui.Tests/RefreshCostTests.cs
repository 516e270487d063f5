using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.Ui;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

/// <summary>What keeps a refresh cheap with many rows: rows formatted once per item, refreshes paced by their cost.</summary>
public class RefreshCostTests
{
    [Fact]
    public void Unchanged_items_keep_their_formatted_row_and_a_changed_item_is_formatted_again()
    {
        var s = DemoCapture.Snapshot;
        var vm = new ConversationsViewModel();
        vm.Update(s, RowFilter.None);
        var first = vm.Rows.ToList();
        // A later snapshot where conversation #1 grew (a new row object), everything else the same objects.
        var grown = s.Conversations[0] with { Bytes = s.Conversations[0].Bytes + 1_000_000 };
        vm.Update(s with { Conversations = s.Conversations.Skip(1).Prepend(grown).ToList() }, RowFilter.None);
        Assert.NotSame(first[0], vm.Rows[0]);
        Assert.Contains("977.5K", vm.Rows[0]);
        for (int i = 1; i < first.Count; i++) Assert.Same(first[i], vm.Rows[i]);
    }

    [Fact]
    public void A_mode_change_formats_rows_again()
    {
        var vm = new CredentialsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        Assert.Contains("********", vm.Rows[0]);
        vm.HandleKey('r');
        Assert.Contains("wonderland", vm.Rows[0]);
        vm.Update(DemoCapture.Snapshot, RowFilter.None);   // the next refresh keeps the revealed rows
        Assert.Contains("wonderland", vm.Rows[0]);
    }

    [Fact]
    public void The_next_refresh_waits_four_times_the_last_ones_cost()
    {
        var now = TimeSpan.Zero;
        var pacing = new RefreshPacing(() => now);
        Assert.True(pacing.Due());
        pacing.Begin();
        now += TimeSpan.FromMilliseconds(100);
        pacing.End();
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacing.LastCost);
        now += TimeSpan.FromMilliseconds(399);
        Assert.False(pacing.Due());
        now += TimeSpan.FromMilliseconds(1);
        Assert.True(pacing.Due());
    }
}
