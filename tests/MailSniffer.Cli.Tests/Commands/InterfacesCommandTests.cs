using MailSniffer.Cli;

namespace MailSniffer.Cli.Tests.Commands;

public sealed class InterfacesCommandTests
{
    [Fact]
    public void Lists_devices_with_loopback_flag_and_addresses_or_explains_why_not()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = MailSniffer.Cli.Commands.InterfacesCommand.Run(output, error);
        if (exit == 2)
        {
            // No libpcap or no privilege here: one paragraph of advice, no stack trace.
            Assert.Empty(output.ToString());
            Assert.Matches("apt-get install libpcap0.8|setcap", error.ToString());
            Assert.DoesNotContain("   at ", error.ToString());
            return;
        }
        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("lo ") && l.Contains(" yes ") && l.Contains("127.0.0.1"));
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Is_registered_on_the_root_command()
    {
        Assert.Contains(Program.BuildRoot().Subcommands, c => c.Name == "interfaces");
    }
}
