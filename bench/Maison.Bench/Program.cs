using Maison.Bench;

return await BenchCli.RunAsync(args);
