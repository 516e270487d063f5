namespace MailSniffer.Server.Storage;

/// <summary>Maildir's delivery discipline: write to tmp/, fsync, rename into place, fsync the directory.</summary>
internal static class DurableFile
{
    public static async Task WriteAsync(string tmpPath, string finalPath, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await using (var fs = new FileStream(tmpPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await fs.WriteAsync(content, ct);
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmpPath, finalPath, overwrite: true);
        DirectorySync.Sync(Path.GetDirectoryName(finalPath)!);
    }

    public static void Write(string tmpPath, string finalPath, ReadOnlySpan<byte> content)
    {
        using (var fs = new FileStream(tmpPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            fs.Write(content);
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmpPath, finalPath, overwrite: true);
        DirectorySync.Sync(Path.GetDirectoryName(finalPath)!);
    }
}
