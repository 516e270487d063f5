using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MailFlags = MailKit.MessageFlags;
using IMailStore = MailSniffer.Server.Storage.IMailStore;
using MimeKit;

namespace MailSniffer.Server.Tests;

public class ImapTests
{
    private static async Task<ImapClient> Connect(Hosting.MailSystem system, string domain, string user, string password, bool tls = false)
    {
        var ep = system.EndPoint(domain, d => d.ImapPort);
        var client = new ImapClient();
        client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(ep.Address.ToString(), ep.Port, tls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, TestMailSystem.Timeout());
        await client.AuthenticateAsync(user, password, TestMailSystem.Timeout());
        return client;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MailKit_fetches_summaries_and_messages_byte_exact(bool tls)
    {
        await using var system = await TestMailSystem.StartAsync();
        var seeded = await MailboxSeeding.SeedAsync(system, 4);
        using var client = await Connect(system, "b.test", "bob", TestMailSystem.BobPassword, tls);
        Assert.Equal(tls, client.IsSecure);
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Idle));
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.Equal(4, inbox.Count);
        var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags
            | MessageSummaryItems.Size | MessageSummaryItems.InternalDate | MessageSummaryItems.BodyStructure);
        Assert.Equal(4, summaries.Count);
        for (var i = 0; i < 4; i++)
        {
            var s = summaries[i];
            Assert.NotNull(s.Envelope);
            Assert.Equal(seeded[i].Subject, s.Envelope.Subject);
            Assert.Equal(seeded[i].MessageId, s.Envelope.MessageId);
            Assert.Equal(seeded[i].From.Mailboxes.Single().Name, s.Envelope.From.Mailboxes.Single().Name);
            Assert.Equal("bob@b.test", s.Envelope.To.Mailboxes.Single().Address);
            Assert.Equal(MailboxSeeding.Bytes(seeded[i]).Length, (int)s.Size!.Value);
            Assert.Equal("text/plain", Assert.IsType<BodyPartText>(s.Body).ContentType.MimeType);
            Assert.False(s.Flags!.Value.HasFlag(MailFlags.Seen));
            var full = await inbox.GetStreamAsync(s.UniqueId, "", TestMailSystem.Timeout());
            var bytes = new MemoryStream();
            await full.CopyToAsync(bytes);
            Assert.Equal(MailboxSeeding.Bytes(seeded[i]), bytes.ToArray());
        }
        var message = await inbox.GetMessageAsync(summaries[2].UniqueId);
        Assert.Equal(seeded[2].TextBody, message.TextBody);
        var partial = await inbox.GetStreamAsync(summaries[0].UniqueId, 0, 10);
        Assert.Equal(10, partial.Length);
        var headerStream = await inbox.GetStreamAsync(summaries[1].UniqueId, "HEADER");
        var header = MailboxSeeding.Text(((MemoryStream)await CopyAsync(headerStream)).ToArray());
        Assert.Contains("Subject: message 1 odd", header);
        Assert.EndsWith("\r\n\r\n", header);
        var textStream = await inbox.GetStreamAsync(summaries[1].UniqueId, "TEXT");
        Assert.StartsWith("body of 1", MailboxSeeding.Text(((MemoryStream)await CopyAsync(textStream)).ToArray()));
        await client.DisconnectAsync(true);
    }

    private static async Task<Stream> CopyAsync(Stream s)
    {
        var m = new MemoryStream();
        await s.CopyToAsync(m);
        return m;
    }

    [Fact]
    public async Task Search_store_expunge_and_status()
    {
        await using var system = await TestMailSystem.StartAsync();
        await MailboxSeeding.SeedAsync(system, 5);
        using var client = await Connect(system, "b.test", "bob", TestMailSystem.BobPassword);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        var even = await inbox.SearchAsync(SearchQuery.SubjectContains("even"));
        Assert.Equal(3, even.Count);
        var fromCarol = await inbox.SearchAsync(SearchQuery.FromContains("carol"));
        Assert.Equal(2, fromCarol.Count);
        await inbox.AddFlagsAsync(even[0], MailFlags.Seen, true);
        Assert.Single(await inbox.SearchAsync(SearchQuery.Seen));
        Assert.Equal(4, (await inbox.SearchAsync(SearchQuery.NotSeen)).Count);
        Assert.Equal(5, (await inbox.SearchAsync(SearchQuery.All)).Count);
        await inbox.AddFlagsAsync(fromCarol, MailFlags.Deleted, true);
        await inbox.ExpungeAsync();
        Assert.Equal(3, inbox.Count);
        Assert.Equal(3, system.Host("b.test").Store.List("bob", IMailStore.Inbox).Count);
        var sent = client.GetFolder("Sent");
        await sent.StatusAsync(StatusItems.Count | StatusItems.Unread | StatusItems.UidNext);
        Assert.Equal(0, sent.Count);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Append_to_Sent_with_literal_plus_and_list_shows_both_mailboxes()
    {
        await using var system = await TestMailSystem.StartAsync();
        using var client = await Connect(system, "a.test", "alice", TestMailSystem.AlicePassword);
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.LiteralPlus));
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.Contains(folders, f => f.FullName == "INBOX");
        Assert.Contains(folders, f => f.FullName == "Sent");
        var sent = client.GetFolder("Sent");
        var msg = MailboxSeeding.Sample(7, "bob@b.test");
        var uid = await sent.AppendAsync(msg, MailFlags.Seen);
        Assert.NotNull(uid);
        var stored = Assert.Single(system.Host("a.test").Store.List("alice", IMailStore.Sent));
        Assert.Equal(uid!.Value.Id, stored.Uid);
        Assert.True(stored.Flags.HasFlag(Storage.MessageFlags.Seen));
        Assert.Equal(MailboxSeeding.Bytes(msg), system.Host("a.test").Store.Read("alice", IMailStore.Sent, stored.Uid));
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Idle_announces_a_message_delivered_meanwhile()
    {
        await using var system = await TestMailSystem.StartAsync();
        using var client = await Connect(system, "b.test", "bob", TestMailSystem.BobPassword);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(0, inbox.Count);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var arrived = new TaskCompletionSource();
        inbox.CountChanged += (_, _) =>
        {
            arrived.TrySetResult();
            done.Cancel();
        };
        var idle = client.IdleAsync(done.Token);
        await Task.Delay(300);
        await MailboxSeeding.SeedAsync(system, 1);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await idle;
        Assert.Equal(1, inbox.Count);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Raw_transcript_quoted_login_literals_and_bad_syntax()
    {
        await using var system = await TestMailSystem.StartAsync();
        await MailboxSeeding.SeedAsync(system, 1);
        await using var c = await RawClient.ConnectAsync(system.EndPoint("b.test", d => d.ImapPort));
        Assert.StartsWith("* OK [CAPABILITY IMAP4rev1", await c.LineAsync());
        await c.SendAsync("a0 SELECT INBOX\r\n");
        Assert.StartsWith("a0 BAD", await c.LineAsync());
        await c.SendAsync("a1 LOGIN bob \"wrong\"\r\n");
        Assert.StartsWith("a1 NO [AUTHENTICATIONFAILED]", await c.LineAsync());
        // Bob's password has a quote and a backslash: exercise quoted-string escapes.
        await c.SendAsync("a2 LOGIN {3}\r\n");
        Assert.StartsWith("+", await c.LineAsync());
        await c.SendAsync("bob \"bob \\\"pw\\\\x\"\r\n");
        Assert.StartsWith("a2 OK", await c.LineAsync());
        await c.SendAsync("a3 FETCH 1 (BODY[\r\n");
        Assert.StartsWith("a3 BAD", await c.LineAsync());
        await c.SendAsync("a4 SELECT INBOX\r\n");
        string? line;
        while (!(line = await c.LineAsync())!.StartsWith("a4 ")) { }
        Assert.StartsWith("a4 OK [READ-WRITE]", line);
        await c.SendAsync("a5 FETCH 1 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])\r\n");
        Assert.Matches(@"^\* 1 FETCH \(UID 1 BODY\[HEADER\.FIELDS \(SUBJECT FROM\)\] \{\d+\}$", await c.LineAsync());
        var fields = new List<string>();
        while (!(line = await c.LineAsync())!.StartsWith(')')) fields.Add(line);
        Assert.Contains(fields, f => f.StartsWith("Subject: message 0"));
        Assert.Contains(fields, f => f.StartsWith("From:"));
        Assert.StartsWith("a5 OK", await c.LineAsync());
        await c.SendAsync("a6 APPEND INBOX {999999999}\r\n");
        Assert.StartsWith("a6 BAD [TOOBIG]", await c.LineAsync());
        await c.SendAsync("a7 NOOP\r\n");
        Assert.StartsWith("a7 OK", await c.LineAsync());
        await c.SendAsync("a8 APPEND INBOX {999999999+}\r\n");
        Assert.StartsWith("* BYE [TOOBIG]", await c.LineAsync());
        Assert.Null(await c.LineAsync());
    }
}
