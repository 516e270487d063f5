using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class MainViewModelTests
{
    private static MainViewModel Loaded()
    {
        var vm = new MainViewModel();
        vm.Update(DemoCapture.Snapshot);
        return vm;
    }

    private static void Type(MainViewModel vm, params string[] keys)
    {
        foreach (var k in keys) vm.HandleKey(k);
    }

    [Fact]
    public void Starts_on_conversations_and_number_keys_switch_views()
    {
        var vm = Loaded();
        Assert.Same(vm.Conversations, vm.Current);
        Assert.Contains("[1 Conversations]", vm.Tabs);
        Assert.True(vm.Tabs.Length <= 78, vm.Tabs);
        Assert.EndsWith(" 6 DNS 7 Packets", vm.Tabs);
        Type(vm, "3");
        Assert.Same(vm.Messages, vm.Current);
        Assert.Contains("[3 Messages]", vm.Tabs);
        Assert.Contains(vm.Rows, r => r.Contains("Lunch on Friday?"));
        Type(vm, "Tab");
        Assert.Same(vm.Credentials, vm.Current);
        Type(vm, "7", "Tab");
        Assert.Same(vm.Conversations, vm.Current);
    }

    [Fact]
    public void Arrows_move_and_enter_opens_the_selected_transcript()
    {
        var vm = Loaded();
        Type(vm, "Down", "Down", "Up");
        Assert.Equal(1, vm.Selected);
        long id = vm.Conversations.SelectedItem!.Id;
        Type(vm, "Enter");
        Assert.Same(vm.Transcript, vm.Current);
        Assert.Equal(id, vm.Transcript.ConversationId);
        Assert.StartsWith($"#{id} smtp", vm.Header);
        Assert.StartsWith("S< 220", vm.Rows[0]);
        Type(vm, "s");
        Assert.True(vm.Transcript.StudentMode);
        Type(vm, "End");
        Assert.Equal(vm.Rows.Count - 1, vm.Selected);
        Type(vm, "Home", "PageDown");
        Assert.Equal(MainViewModel.Page, vm.Selected);
    }

    [Fact]
    public void Slash_edits_a_filter_applied_to_every_view_and_esc_cancels()
    {
        var vm = Loaded();
        Type(vm, "/", "u", "s", "e", "r", ":", "b", "o", "x", "Backspace", "b");
        Assert.True(vm.EditingFilter);
        Assert.StartsWith("/user:bob_", vm.Status);
        Type(vm, "q");  // typed into the filter, not quitting
        Assert.False(vm.QuitRequested);
        Type(vm, "Backspace", "Enter");
        Assert.False(vm.EditingFilter);
        Assert.Equal("user:bob", vm.FilterText);
        Assert.Contains("filter: user:bob", vm.Status);
        Assert.All(vm.Conversations.Items, c => Assert.Equal("bob", c.User));
        Type(vm, "4");
        Assert.Equal(2, vm.Rows.Count);
        Type(vm, "/", "x", "Esc");
        Assert.Equal("user:bob", vm.FilterText);
        Type(vm, "/", "Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "Enter");
        Assert.Equal("", vm.FilterText);
        Assert.Equal(7, vm.Rows.Count);
    }

    [Fact]
    public void Help_lists_the_keys_of_a_companion_such_as_the_demo()
    {
        var vm = Loaded();
        Type(vm, "?");
        Assert.DoesNotContain(vm.Rows, r => r.StartsWith("d ", StringComparison.Ordinal));
        Type(vm, "x");
        vm.CompanionKeysHelp = ["d             play the demo again"];
        Type(vm, "?");
        Assert.Contains("d             play the demo again", vm.Rows);
    }

    [Fact]
    public void Question_mark_shows_help_any_key_closes_it_and_q_quits()
    {
        var vm = Loaded();
        Type(vm, "?");
        Assert.True(vm.ShowingHelp);
        Assert.Contains(vm.Rows, r => r.StartsWith("/ ", StringComparison.Ordinal) && r.Contains("proto:smtp"));
        Assert.Contains(vm.Rows, r => r.Contains("reveal"));
        Type(vm, "q");
        Assert.False(vm.ShowingHelp);
        Assert.False(vm.QuitRequested);
        Type(vm, "q");
        Assert.True(vm.QuitRequested);
    }

    [Fact]
    public void View_keys_reach_the_current_view_and_p_asks_to_pause()
    {
        var vm = Loaded();
        Type(vm, "4", "r");
        Assert.True(vm.Credentials.Revealed);
        Assert.Contains(vm.Rows, r => r.Contains("wonderland"));
        Type(vm, "p");
        Assert.True(vm.PauseToggled);
        Assert.Contains("done | 414 pkts 28 flows 24 msgs", vm.Status);
    }
}
