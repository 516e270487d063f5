using System.Text;
using MailSniffer.Analysis.Timeline;

namespace MailSniffer.Analysis.Tests.Timeline;

public class MessageFingerprinterTests
{
    private static readonly byte[] Message = TestMail.Compose("a@a.test", "b@b.test", "fp", "line one\r\nline two", "fp@a.test");

    [Fact]
    public void Trace_headers_and_line_endings_do_not_change_the_fingerprint()
    {
        var original = MessageFingerprinter.Compute(Message);
        var stored = TestMail.Prepend(Message, "Return-Path: <a@a.test>", "Delivered-To: b@b.test", "X-Original-To: b@b.test",
            "Received: from x ([127.0.0.1]) by y with ESMTP id Q1; Sun, 22 Nov 2026 10:00:01 +0000",
            "Received: from z ([127.0.0.2]) by x with ESMTP id Q0; Sun, 22 Nov 2026 10:00:00 +0000");
        var copy = MessageFingerprinter.Compute(TestMail.ToLf(stored));
        var withFinalNewlines = MessageFingerprinter.Compute([.. stored, .. "\r\n\r\n"u8.ToArray()]);

        Assert.NotNull(original.Fingerprint);
        Assert.Equal(original.Fingerprint, copy.Fingerprint);
        Assert.Equal(original.Fingerprint, withFinalNewlines.Fingerprint);
        Assert.Empty(original.Received);
        Assert.Equal(["Q1", "Q0"], copy.Received.Select(r => r.Id));
        Assert.Equal([0, 1], copy.Received.Select(r => r.Position));
    }

    [Fact]
    public void Other_headers_and_the_body_do_change_it()
    {
        var original = MessageFingerprinter.Compute(Message).Fingerprint;
        var withHeader = MessageFingerprinter.Compute(TestMail.Prepend(Message, "X-Spam: yes")).Fingerprint;
        var text = Encoding.ASCII.GetString(Message);
        var otherBody = MessageFingerprinter.Compute(Encoding.ASCII.GetBytes(text.Replace("line two", "line 2"))).Fingerprint;
        Assert.NotEqual(original, withHeader);
        Assert.NotEqual(original, otherBody);
    }

    [Fact]
    public void Large_message_is_streamed_and_matches_its_lf_copy()
    {
        var body = string.Concat(Enumerable.Repeat("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n", 100_000));
        var big = Encoding.ASCII.GetBytes("Subject: big\r\nMessage-ID: <big@x>\r\n\r\n" + body);
        var a = MessageFingerprinter.Compute(big);
        var b = MessageFingerprinter.Compute(TestMail.ToLf(big));
        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Hostile_bytes_give_a_result_not_an_exception()
    {
        var rng = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[rng.Next(0, 5000)];
            rng.NextBytes(bytes);
            var r = MessageFingerprinter.Compute(bytes);
            Assert.True(r.Received.Count <= MessageFingerprinter.MaxReceived);
        }
        var headerBomb = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Received: from a by b id c\r\n", 5_000)) + "\r\nbody");
        Assert.Equal(MessageFingerprinter.MaxReceived, MessageFingerprinter.Compute(headerBomb).Received.Count);
        // Beyond the header prefix nothing is parsed as a header: the whole is hashed as body, still without error.
        var hugeHeaders = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Received: from a by b id c\r\n", 20_000)));
        var huge = MessageFingerprinter.Compute(hugeHeaders);
        Assert.Empty(huge.Received);
        Assert.NotNull(huge.Fingerprint);
        Assert.NotNull(MessageFingerprinter.Compute(Array.Empty<byte>()).Fingerprint);
    }
}
