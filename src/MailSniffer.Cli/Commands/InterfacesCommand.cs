using System.CommandLine;

namespace MailSniffer.Cli.Commands;

internal static class InterfacesCommand
{
    public static Command Create()
    {
        var cmd = new Command("interfaces", "List capture devices (needs libpcap).");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("not implemented yet");
            return 1;
        });
        return cmd;
    }
}
