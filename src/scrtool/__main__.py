from scrtool.cli.app import main

main()
