using MailSniffer.Server.Storage;

namespace MailSniffer.Server.Tests;

public class MaildirStoreTests
{
    [Fact]
    public async Task Messages_uids_and_flags_survive_reopening_and_half_written_files_are_dropped()
    {
        var root = Path.Combine(Path.GetTempPath(), "ms-maildir-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new MaildirStore(root);
            var a = await store.AppendAsync("bob", IMailStore.Inbox, "Subject: a\r\n\r\n1\r\n"u8.ToArray(), MessageFlags.None, DateTimeOffset.UtcNow, default);
            var b = await store.AppendAsync("bob", IMailStore.Inbox, "Subject: b\r\n\r\n2\r\n"u8.ToArray(), MessageFlags.None, DateTimeOffset.UtcNow, default);
            await store.AppendAsync("bob", IMailStore.Sent, "Subject: s\r\n\r\n3\r\n"u8.ToArray(), MessageFlags.Seen, DateTimeOffset.UtcNow, default);
            store.SetFlags("bob", IMailStore.Inbox, b.Uid, MessageFlags.Seen | MessageFlags.Flagged);
            var validity = store.UidValidity("bob", IMailStore.Inbox);
            var maildir = Path.Combine(root, "bob", "Maildir");
            Assert.Single(Directory.GetFiles(Path.Combine(maildir, "new")));
            Assert.EndsWith(":2,FS", Assert.Single(Directory.GetFiles(Path.Combine(maildir, "cur"))));
            Assert.Single(Directory.GetFiles(Path.Combine(maildir, ".Sent", "cur")));
            await File.WriteAllTextAsync(Path.Combine(maildir, "tmp", "99.half-written"), "Subject: partial");

            var reopened = new MaildirStore(root);
            var list = reopened.List("bob", IMailStore.Inbox);
            Assert.Equal([a.Uid, b.Uid], list.Select(m => m.Uid));
            Assert.Equal(MessageFlags.Seen | MessageFlags.Flagged, list[1].Flags);
            Assert.Equal(validity, reopened.UidValidity("bob", IMailStore.Inbox));
            Assert.Equal("Subject: a\r\n\r\n1\r\n"u8.ToArray(), reopened.Read("bob", IMailStore.Inbox, a.Uid));
            Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "tmp")));

            reopened.Delete("bob", IMailStore.Inbox, b.Uid);
            var c = await reopened.AppendAsync("bob", IMailStore.Inbox, "Subject: c\r\n\r\n"u8.ToArray(), MessageFlags.None, DateTimeOffset.UtcNow, default);
            Assert.True(c.Uid > b.Uid, "UIDs are never reused");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void User_names_cannot_escape_the_store(string user)
    {
        var store = new MaildirStore(Path.Combine(Path.GetTempPath(), "ms-maildir-" + Guid.NewGuid().ToString("N")));
        Assert.Throws<ArgumentException>(() => store.List(user, IMailStore.Inbox));
    }
}
