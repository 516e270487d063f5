using System.CommandLine;
using MailSniffer.Core.Capture;

namespace MailSniffer.Cli.Commands;

internal static class InterfacesCommand
{
    public static Command Create()
    {
        var cmd = new Command("interfaces", "List capture devices (needs libpcap).");
        cmd.SetAction(_ => Run(Console.Out, Console.Error));
        return cmd;
    }

    /// <summary>Exit codes: 0 listed, 2 live capture unavailable (the reason is printed as one paragraph).</summary>
    internal static int Run(TextWriter output, TextWriter error)
    {
        IReadOnlyList<CaptureInterfaceInfo> interfaces;
        try
        {
            interfaces = LiveCapture.ListInterfaces();
        }
        catch (CaptureUnavailableException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        if (interfaces.Count == 0)
        {
            error.WriteLine("libpcap found no capture devices. On Linux this usually means missing privilege: " + CaptureUnavailableException.PermissionDeniedMessage);
            return 2;
        }
        int width = Math.Max(4, interfaces.Max(i => i.Name.Length));
        output.WriteLine($"{"NAME".PadRight(width)}  LOOPBACK  ADDRESSES  DESCRIPTION");
        foreach (var i in interfaces)
        {
            string addresses = i.Addresses.Count == 0 ? "-" : string.Join(",", i.Addresses);
            output.WriteLine($"{i.Name.PadRight(width)}  {(i.IsLoopback ? "yes" : "no"),-8}  {addresses}  {i.Description ?? ""}".TrimEnd());
        }
        return 0;
    }
}
