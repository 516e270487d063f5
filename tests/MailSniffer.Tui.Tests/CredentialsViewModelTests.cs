using MailSniffer.Tui.Filtering;
using MailSniffer.Tui.ViewModels;

namespace MailSniffer.Tui.Tests;

public class CredentialsViewModelTests
{
    private static CredentialsViewModel Loaded()
    {
        var vm = new CredentialsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.None);
        return vm;
    }

    [Fact]
    public void Passwords_are_masked_by_default()
    {
        var vm = Loaded();
        Assert.Equal(7, vm.Rows.Count);
        Assert.DoesNotContain(vm.Rows.Append(vm.Detail), r => r.Contains("wonderland") || r.Contains("builder"));
        Assert.Contains(vm.Rows, r => r.Contains("alice") && r.Contains(CredentialsViewModel.Mask) && r.Contains("PLAIN") && r.Contains("127.0.1.1:587"));
        Assert.Contains(vm.Rows, r => r.Contains("CRAM-MD5") && r.Contains("(hash)"));
    }

    [Fact]
    public void Key_r_reveals_and_hides_again()
    {
        var vm = Loaded();
        Assert.True(vm.HandleKey('r'));
        Assert.Contains(vm.Rows, r => r.Contains("alice") && r.Contains("wonderland"));
        Assert.Contains(vm.Rows, r => r.Contains("bob") && r.Contains("builder") && r.Contains("pop3"));
        Assert.Contains("wonderland", vm.Detail);
        Assert.True(vm.HandleKey('r'));
        Assert.DoesNotContain(vm.Rows, r => r.Contains("wonderland"));
    }

    [Fact]
    public void Hash_line_is_hidden_until_revealed()
    {
        var vm = Loaded();
        vm.Select(vm.Rows.ToList().FindIndex(r => r.Contains("CRAM-MD5")));
        Assert.Contains("hash: (hidden; r reveals)", vm.Detail);
        vm.HandleKey('r');
        Assert.Contains("hash: $cram_md5$", vm.Detail);
    }

    [Fact]
    public void Filter_by_user_and_protocol()
    {
        var vm = new CredentialsViewModel();
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse("user:bob"));
        Assert.Equal(2, vm.Rows.Count);
        vm.Update(DemoCapture.Snapshot, RowFilter.Parse("proto:imap user:alice"));
        Assert.Single(vm.Rows);
    }
}
