using System.CommandLine;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Views.Credentials;
using MailSniffer.Cli.Input;

namespace MailSniffer.Cli.Commands;

internal static class CredsCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var hashcat = new Option<bool>("--hashcat") { Description = "Only the crackable hash lines (CRAM-MD5: hashcat -m 16400; APOP: -m 20)." };
        var cmd = new Command("creds", "Every credential that crossed the wire: protocol, mechanism, user, password or crackable hash, server, result.");
        input.AddTo(cmd);
        cmd.Options.Add(hashcat);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            using var source = spec.Open();
            var analysis = new CaptureAnalysis(source, AnalysisOptions.ForReport());
            LiveRun.Run(analysis.Engine, spec, source);
            analysis.Model.Complete();
            var table = new CredentialTable(analysis.Model);
            if (r.GetValue(hashcat)) table.WriteHashcat(Console.Out);
            else table.Write(Console.Out);
            return 0;
        }));
        return cmd;
    }
}
