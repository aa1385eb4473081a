namespace Circles.Tests.Support;

public static class TestPaths
{
    /// <summary>The repository root, found by walking up to Circles.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string NewTempFolder(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "circles-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Circles.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find Circles.sln above " + AppContext.BaseDirectory);
    }
}
