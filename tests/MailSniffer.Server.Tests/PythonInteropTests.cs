using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class PythonInteropTests
{
    [Fact]
    public async Task Python_smtplib_poplib_and_imaplib_work()
    {
        await using var system = await TestMailSystem.StartAsync();
        var a = system.Config.Domains[0];
        var script = $$"""
            import smtplib, poplib, imaplib, ssl, sys
            ctx = ssl._create_unverified_context()
            s = smtplib.SMTP("{{a.Address}}", {{a.SubmissionPort}}, timeout=20)
            s.ehlo(); s.starttls(context=ctx); s.ehlo()
            s.login("alice", "{{TestMailSystem.AlicePassword}}")
            s.sendmail("alice@a.test", ["alice@a.test"], "Subject: py1\r\nMessage-ID: <py1@a.test>\r\n\r\nline one\r\n.dot\r\n")
            s.quit()
            s = smtplib.SMTP("{{a.Address}}", {{a.SmtpPort}}, timeout=20)
            s.sendmail("x@elsewhere.example", ["alice@a.test"], "Subject: py2\r\n\r\nno auth, local delivery\r\n")
            try:
                s.sendmail("x@elsewhere.example", ["victim@elsewhere.example"], "Subject: relay\r\n\r\nx\r\n")
                print("OPEN RELAY"); sys.exit(1)
            except smtplib.SMTPRecipientsRefused as e:
                print("relay refused", e.recipients["victim@elsewhere.example"][0])
            s.quit()
            p = poplib.POP3("{{a.Address}}", {{a.Pop3Port}}, timeout=20)
            p.apop("alice", "{{TestMailSystem.AlicePassword}}")
            count, size = p.stat()
            print("pop3", count)
            lines = p.retr(1)[1]
            assert b".dot" in lines, lines
            p.quit()
            m = imaplib.IMAP4("{{a.Address}}", {{a.ImapPort}}, timeout=20)
            m.starttls(ssl_context=ctx)
            m.login("alice", "{{TestMailSystem.AlicePassword}}")
            m.select("INBOX")
            typ, data = m.search(None, "SUBJECT", "py2")
            print("search", data[0].decode())
            typ, data = m.fetch(data[0].decode(), "(RFC822)")
            assert b"no auth, local delivery" in data[0][1], data
            typ, data = m.append("Sent", "(\\Seen)", None, b"Subject: saved\r\n\r\nappended by imaplib\r\n")
            print("append", typ)
            m.logout()
            """;
        var (exit, output, err) = await ExternalTool.RunAsync("python3", ["-c", script], seconds: 60);
        Assert.True(exit == 0, output + err);
        Assert.Contains("relay refused 554", output);
        Assert.Contains("pop3 2", output);
        Assert.Contains("search 2", output);
        Assert.Contains("append OK", output);
        var store = system.Host("a.test").Store;
        var sent = Assert.Single(store.List("alice", IMailStore.Sent));
        Assert.True(sent.Flags.HasFlag(MessageFlags.Seen));
        Assert.Equal("Subject: saved\r\n\r\nappended by imaplib\r\n", MailboxSeeding.Text(store.Read("alice", IMailStore.Sent, sent.Uid)));
    }
}
