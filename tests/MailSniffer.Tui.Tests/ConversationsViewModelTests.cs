using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class ConversationsViewModelTests
{
    private static ConversationsViewModel Loaded(string filter = "")
    {
        var vm = new ConversationsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse(filter));
        return vm;
    }

    [Fact]
    public void One_row_per_flow_with_protocol_endpoints_user_and_state()
    {
        var vm = Loaded();
        Assert.Equal(DemoCapture.Snapshot.Conversations.Count, vm.Rows.Count);
        Assert.True(vm.Rows.Count >= 20, $"only {vm.Rows.Count} conversations");
        string first = vm.Rows[0];
        Assert.StartsWith("! 1", first);
        Assert.Contains("smtp", first);
        Assert.Contains("127.0.2.1:33789", first);
        Assert.Contains("127.0.1.1:587", first);
        Assert.Contains("alice", first);
        Assert.Contains("clear", first);
        Assert.Contains("EXPOSED", vm.Detail);
    }

    [Fact]
    public void Dns_over_udp_is_clear_not_incomplete_and_starttls_is_encrypted()
    {
        var vm = Loaded();
        var dns = vm.Items.Where(c => c.Protocol == "dns").ToList();
        Assert.NotEmpty(dns);
        Assert.All(dns, d => Assert.Equal("clear", d.State));
        Assert.Contains(vm.Rows, r => r.Contains("encrypted"));
        Assert.All(vm.Items.Where(c => c.Encrypted), c => Assert.False(c.Exposed));
    }

    [Fact]
    public void Rows_fit_an_80_column_terminal_up_to_the_bytes_column()
    {
        // The frame takes 2 of 80 columns: protocol, endpoints, user, state and bytes must be visible in the other 78.
        var vm = Loaded();
        int bytesEnd = vm.Header.IndexOf("bytes", StringComparison.Ordinal) + "bytes".Length;
        Assert.InRange(bytesEnd, 60, 78);
        Assert.All(vm.Rows, r => Assert.Equal(' ', r[bytesEnd]));
    }

    [Fact]
    public void Key_o_cycles_the_sort_and_bytes_sort_is_descending()
    {
        var vm = Loaded();
        Assert.True(vm.HandleKey('o'));
        Assert.Equal(ConversationSort.Start, vm.Sort);
        Assert.True(vm.HandleKey('o'));
        Assert.Equal(ConversationSort.Bytes, vm.Sort);
        var bytes = vm.Items.Select(c => c.Bytes).ToList();
        Assert.Equal(bytes.OrderByDescending(b => b), bytes);
        Assert.Contains("[sort: bytes]", vm.Header);
        Assert.False(vm.HandleKey('x'));
    }

    [Fact]
    public void Selection_follows_the_conversation_across_sorts_and_refreshes()
    {
        var vm = Loaded();
        vm.Select(5);
        long id = vm.SelectedItem!.Id;
        vm.HandleKey('o'); vm.HandleKey('o');
        Assert.Equal(id, vm.SelectedItem!.Id);
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        Assert.Equal(id, vm.SelectedItem!.Id);
        vm.Select(10_000);
        Assert.Equal(vm.Rows.Count - 1, vm.Selected);
    }

    [Fact]
    public void Filter_keeps_only_matching_rows()
    {
        var vm = Loaded("proto:pop3");
        Assert.NotEmpty(vm.Rows);
        Assert.All(vm.Items, c => Assert.Equal("pop3", c.Protocol));
        Assert.All(Loaded("user:bob").Items, c => Assert.Equal("bob", c.User));
        Assert.Empty(Loaded("proto:nothing").Rows);
        Assert.Equal("(nothing yet)", Loaded("proto:nothing").Detail);
    }

    [Fact]
    public void Empty_snapshot_gives_no_rows()
    {
        var vm = new ConversationsViewModel();
        vm.Update(CaptureSnapshot.Empty, RowFilter.None);
        Assert.Empty(vm.Rows);
        vm.Select(3);
        Assert.Equal(0, vm.Selected);
    }
}
