using MailSniffer.Decoders.Tls;

namespace MailSniffer.Decoders.Tests.Tls;

public sealed class TlsRecordSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x02 }, TlsSniffResult.Tls, 3)]
    [InlineData(new byte[] { 0x15, 0x03, 0x03 }, TlsSniffResult.Tls, 3)]
    [InlineData(new byte[] { (byte)'E', (byte)'H' }, TlsSniffResult.Plain, 1)]
    [InlineData(new byte[] { 0x16, (byte)'x' }, TlsSniffResult.Plain, 2)]
    [InlineData(new byte[] { 0x16, 0x03, 0x09 }, TlsSniffResult.Plain, 3)]
    [InlineData(new byte[] { 0x16, 0x03 }, TlsSniffResult.Undecided, 2)]
    public void Decides_on_the_record_header(byte[] input, TlsSniffResult expected, int consumed)
    {
        var whole = new TlsRecordSniffer();
        ReadOnlySpan<byte> span = input;
        Assert.Equal(expected, whole.Push(ref span));
        Assert.Equal(consumed, whole.Seen.Length);

        var bytewise = new TlsRecordSniffer();
        var result = TlsSniffResult.Undecided;
        for (int i = 0; i < input.Length && result == TlsSniffResult.Undecided; i++)
        {
            ReadOnlySpan<byte> one = input.AsSpan(i, 1);
            result = bytewise.Push(ref one);
        }
        Assert.Equal(expected, result);
    }
}
