using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Output;

internal static class FlowTable
{
    public static void Write(TextWriter o, IReadOnlyList<FlowInfo> flows)
    {
        int ep = Math.Max(21, flows.Count == 0 ? 0 : flows.Max(f => Math.Max(f.Client.ToString().Length, f.Server.ToString().Length)));
        o.WriteLine($"{"id",5} {"proto",-5} {"client".PadRight(ep)} {"server".PadRight(ep)} {"start",-27} {"duration",9} {"packets",8} {"bytes c2s",11} {"bytes s2c",11} {"gaps",10} end");
        foreach (var f in flows)
        {
            string gaps = f.Gaps == 0 ? "-" : $"{f.Gaps}/{f.GapBytes}B";
            string proto = f.Transport == Transport.Tcp ? "tcp" : "udp";
            double dur = f.End.SecondsSince(f.Start);
            o.WriteLine($"{f.Id,5} {proto,-5} {f.Client.ToString().PadRight(ep)} {f.Server.ToString().PadRight(ep)} {f.Start.ToIso8601(),-27} {dur,8:0.000}s {f.Packets,8} {f.BytesClientToServer,11} {f.BytesServerToClient,11} {gaps,10} {f.EndReason.ToJsonName()}{(f.RolesGuessed ? " (mid-stream)" : "")}");
        }
    }
}
